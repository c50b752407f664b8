import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  ensureRelease,
  fileFor,
  pathWithoutNode,
  pinnedNode,
  removeTemporaries,
  runFile,
  temporaryDirectory,
  version,
} from '../helpers/release.js';

// The arm64 file under user-mode emulation: qemu-aarch64-static runs its Node.js, with the Arm C
// and C++ libraries of Debian's cross packages (.ci/run installs all of them).
const libraries = '/usr/aarch64-linux-gnu';
const missing = [
  ...(hasQemu() ? [] : ['qemu-user-static']),
  ...(existsSync(`${libraries}/lib/ld-linux-aarch64.so.1`) ? [] : ['libc6-arm64-cross']),
  ...(existsSync(`${libraries}/lib/libstdc++.so.6`) ? [] : ['libstdc++6-arm64-cross']),
];

function hasQemu(): boolean {
  try {
    execFileSync('qemu-aarch64-static', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the arm64 single file under qemu-aarch64-static', {
  skip:
    missing.length > 0 &&
    `skipped: needs Debian's ${missing.join(', ')} (apt-get install ${missing.join(' ')})`,
}, () => {
  const file = fileFor('arm64');
  let path = '';
  let home = '';
  const emulation = { GAUSSDB_TOP_RUNNER: 'qemu-aarch64-static', QEMU_LD_PREFIX: libraries };

  after(removeTemporaries);

  before(
    () => {
      ensureRelease();
      path = pathWithoutNode();
      home = temporaryDirectory('home');
    },
    { timeout: 20 * 60_000 },
  );

  test('--version names the Node.js inside and linux-arm64', async () => {
    const result = await runFile(file, ['--version'], { path, home, env: emulation, timeoutMs: 120_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${version} (single file: Node.js ${pinnedNode}, linux-arm64)\n`);
  });

  test('--demo --once --json prints the 12 demo instances', async () => {
    const result = await runFile(file, ['--demo', '--once', '--json'], {
      path,
      home,
      env: emulation,
      timeoutMs: 170_000,
    });
    assert.equal(result.code, 0, result.stderr);
    const document = JSON.parse(result.stdout) as { instances: { total_num: unknown }[] };
    assert.equal(document.instances.length, 12);
    for (const instance of document.instances) assert.equal(typeof instance.total_num, 'number');
  });
});
