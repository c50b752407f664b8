#!/usr/bin/env -S node --max-semi-space-size=4 --v8-pool-size=1 --heap-growing-percent=20
// Memory of a monitor left open for days (bench/README.md, memory):
// --max-semi-space-size: polling thousands of instances allocates fast, and V8's young generation
// grows to two halves of 16 MB each and lets more garbage reach the old one; 4 MB is enough.
// --v8-pool-size: each of V8's background threads (4 by default) keeps its own malloc arena of 4-9 MB
// once the garbage collector has used it; one thread does the same work for a monitor.
// --heap-growing-percent: after a full collection V8 lets the old generation grow up to 4x what was
// live before the next one; a monitor's live heap is steady (24-40 MB at 2,000 instances), and the
// other 60-70 MB were garbage held as RSS. 20% more than the live heap is enough for the same CPU.
// Plain JavaScript that any Node.js can parse, so an old Node gets one clear line instead of a stack trace.
const needed = 22;
const found = process.versions.node;
if (Number(found.split('.')[0]) < needed) {
  process.stderr.write(`gaussdb-top needs Node.js >= ${needed}, found ${found}\n`);
  process.exit(1);
}
// The shebang's V8 flags in every launch path: `node bin/gaussdb-top.js` (and `npm run demo`, which
// runs it so) ignores the shebang, and the same monitor held twice the memory (bench/README.md,
// memory). Such a start replaces itself (process.execve: same process id, terminal, pipes and exit
// code, no second process) with one that has the flags; Node.js older than 22.15 has no execve and
// runs as is. A flag the user set (on the command line or in NODE_OPTIONS) is theirs and kept. Under
// the inspector it runs as is, because the debugger is attached to this process and would lose it.
// The marker variable stops a second relaunch should the flags still be missing (no loop), and is
// removed before anything else runs, so neither the program nor its children see it.
const relaunchMarker = 'GAUSSDB_TOP_RELAUNCHED';
function relaunchWithShebangFlags(fs) {
  const relaunched = process.env[relaunchMarker] !== undefined;
  delete process.env[relaunchMarker];
  if (relaunched || typeof process.execve !== 'function') return;
  const shebang = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n', 1)[0];
  const wanted = shebang.split(' ').filter((word) => word.startsWith('--'));
  // Node.js and V8 read `_` and `-` alike in option names.
  const name = (flag) => flag.split('=')[0].replaceAll('_', '-');
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS || '').split(/\s+/)].map(name);
  if (given.some((flag) => flag.startsWith('--inspect'))) return;
  const missing = wanted.filter((flag) => !given.includes(name(flag)));
  if (missing.length === 0) return;
  // Where execve fails, Node.js 24 aborts the process instead of throwing: only a binary that can
  // still be run is tried.
  try {
    fs.accessSync(process.execPath, fs.constants.X_OK);
  } catch (_error) {
    return;
  }
  const argv = [process.execPath, ...process.execArgv, ...missing, ...process.argv.slice(1)];
  // execve is experimental: the warning it queues would be printed only if it failed and this
  // process carried on, which must stay as quiet as a start without it.
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning, type, ...rest) => {
    if (type !== 'ExperimentalWarning') emitWarning.call(process, warning, type, ...rest);
  };
  try {
    process.execve(process.execPath, argv, { ...process.env, [relaunchMarker]: '1' });
  } catch (_error) {
    // Could not replace itself (the binary gone, say): runs as is rather than not at all.
  } finally {
    process.emitWarning = emitWarning;
  }
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
    relaunchWithShebangFlags(fs);
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
