// Builds dist/ from source/ (scripts/bundle.js says how). Type checking is `npm run typecheck`; this
// only transforms. `node scripts/build.js --readable` for profiling (`node --cpu-prof`) with names
// and lines intact.
import { bundle } from './bundle.js';

await bundle({
  outdir: new URL('../dist/', import.meta.url).pathname,
  readable: process.argv.includes('--readable'),
});
