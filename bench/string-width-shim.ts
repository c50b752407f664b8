// The bundle's string-width (scripts/string-width.js), for benchmarks that load the source.
import { createRequire } from 'node:module';
import { createTextWidth, type StringWidth } from '../source/ui/text-width.js';

const require = createRequire(import.meta.url);
let full: StringWidth | undefined;
export default createTextWidth(() => {
  full ??= (require('string-width') as { default: StringWidth }).default;
  return full;
});
