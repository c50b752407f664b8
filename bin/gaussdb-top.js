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
// `--once` run. Node.js would keep it in /tmp/node-compile-cache, shared by every user of a bastion,
// where anyone could plant code for the next user to run; it lives in the user's own cache directory
// instead, mode 0700, or nowhere when that cannot be had. NODE_DISABLE_COMPILE_CACHE turns it off.
function compileCacheDirectory(fs, os, path) {
  if (process.env.NODE_DISABLE_COMPILE_CACHE !== undefined) return undefined;
  try {
    const xdg = process.env.XDG_CACHE_HOME;
    // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
    const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
    const directory = path.join(base, 'gaussdb-top');
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(directory);
    if (!stat.isDirectory()) return undefined;
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return undefined;
    if ((stat.mode & 0o077) !== 0) fs.chmodSync(directory, 0o700);
    return directory;
  } catch (_error) {
    return undefined;
  }
}

Promise.all([import('node:module'), import('node:fs'), import('node:os'), import('node:path')])
  .then(([module, fs, os, path]) => {
    if (typeof module.enableCompileCache === 'function') {
      const directory = compileCacheDirectory(fs, os, path);
      if (directory) module.enableCompileCache(directory);
    }
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
