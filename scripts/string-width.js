// string-width as the bundle sees it, for Ink and for gaussdb-top alike: quick for the text a monitor
// draws, and string-width itself, loaded on first need, for anything else (source/ui/text-width.ts).
import { createTextWidth } from '../source/ui/text-width.ts';

let full;
export default createTextWidth(() => {
  // A require() that esbuild bundles: string-width is set up only when this line first runs.
  full ??= require('string-width').default;
  return full;
});
