// `node --import ./bench/bundle-widths.ts`: text widths as the binary measures them. The bundle
// replaces string-width (Ink's and ours) with scripts/string-width.js, which answers plain text
// itself; a benchmark that loads the source would otherwise time the library's slow path instead.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const shimUrl = pathToFileURL(new URL('./string-width-shim.ts', import.meta.url).pathname).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    // The shim itself (and what it loads) still reaches the real string-width.
    if (specifier === 'string-width' && context.parentURL !== shimUrl)
      return { url: shimUrl, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
