#!/usr/bin/env -S node --max-semi-space-size=4 --v8-pool-size=1
// Memory of a monitor left open for days (bench/README.md, memory):
// --max-semi-space-size: polling thousands of instances allocates fast, and V8's young generation
// grows to two halves of 16 MB each and lets more garbage reach the old one; 4 MB is enough.
// --v8-pool-size: each of V8's background threads (4 by default) keeps its own malloc arena of 4-9 MB
// once the garbage collector has used it; one thread does the same work for a monitor.
// Plain JavaScript that any Node.js can parse, so an old Node gets one clear line instead of a stack trace.
const needed = 22;
const found = process.versions.node;
if (Number(found.split('.')[0]) < needed) {
  process.stderr.write(`gaussdb-top needs Node.js >= ${needed}, found ${found}\n`);
  process.exit(1);
}
// The compile cache (Node.js 22.1+) keeps compiled code between runs: start-up is a good part of a
// `--once` run. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import('node:module')
  .then((module) => {
    if (typeof module.enableCompileCache === 'function') module.enableCompileCache();
    return import('../dist/cli.js');
  })
  .catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
      process.stderr.write('gaussdb-top is not built: run `npm run build` (npm ci does it too)\n');
    } else {
      // biome-ignore lint/complexity/useOptionalChain: stays parseable by Node.js too old for `?.`
      process.stderr.write(`gaussdb-top: ${error && error.stack ? error.stack : error}\n`);
    }
    process.exit(70);
  });
