#!/usr/bin/env -S node --max-semi-space-size=4
// --max-semi-space-size: polling thousands of instances allocates fast, and V8's default young
// generation grows to 32 MB (twice, it has two halves) and lets more garbage reach the old one. With
// 4 MB the live screen for 2,000 instances at 1 s stays near 150 MB (bench/README.md, memory).
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
