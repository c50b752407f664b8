import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { version } from '../../source/version.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

// Node.js keeps its compile cache in os.tmpdir()/node-compile-cache unless told otherwise: each run
// gets its own TMPDIR, so a cache written there (shared by every user of a bastion) is seen.

/** Runs `--version` (which loads the whole bundle) with a fresh HOME and TMPDIR. */
async function run(extra: Record<string, string> = {}, prepare?: (home: string) => void) {
  const temporary = mkdtempSync(join(tmpdir(), 'gaussdb-top-tmp-'));
  const env = cleanEnv({ TMPDIR: temporary, ...extra });
  const home = String(env.HOME);
  prepare?.(home);
  const result = await runCli(['--version'], env);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, `${version}\n`);
  assert.equal(result.stderr, '');
  return { home, sharedCache: join(temporary, 'node-compile-cache') };
}

function privateCache(directory: string): void {
  assert.ok(existsSync(directory), `${directory} exists`);
  assert.equal(statSync(directory).mode & 0o777, 0o700, 'only its owner can read or write it');
  assert.ok(readdirSync(directory).length > 0, 'compiled code was cached there');
}

test('the compile cache lives in $XDG_CACHE_HOME/gaussdb-top, mode 0700, never in the shared tmp', async () => {
  const xdg = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-xdg-')), 'cache');
  const { sharedCache } = await run({ XDG_CACHE_HOME: xdg });
  privateCache(join(xdg, 'gaussdb-top'));
  assert.equal(existsSync(sharedCache), false);
});

test('without XDG_CACHE_HOME (or with a relative one) it is ~/.cache/gaussdb-top', async () => {
  for (const extra of [{}, { XDG_CACHE_HOME: 'relative/cache' }] as Record<string, string>[]) {
    const { home, sharedCache } = await run(extra);
    privateCache(join(home, '.cache', 'gaussdb-top'));
    assert.equal(existsSync(sharedCache), false);
  }
});

test('a cache directory others can read is made private again', async () => {
  const { home } = await run({}, (home) => {
    mkdirSync(join(home, '.cache', 'gaussdb-top'), { recursive: true });
    chmodSync(join(home, '.cache', 'gaussdb-top'), 0o755);
  });
  privateCache(join(home, '.cache', 'gaussdb-top'));
});

test('when the directory cannot be made, it runs without a cache and says nothing', async () => {
  const blocker = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-xdg-')), 'a-file');
  writeFileSync(blocker, '');
  const { sharedCache } = await run({ XDG_CACHE_HOME: blocker });
  assert.equal(existsSync(sharedCache), false);
});

test('NODE_DISABLE_COMPILE_CACHE=1 still turns it off', async () => {
  const { home, sharedCache } = await run({ NODE_DISABLE_COMPILE_CACHE: '1' });
  assert.equal(existsSync(join(home, '.cache', 'gaussdb-top')), false);
  assert.equal(existsSync(sharedCache), false);
});
