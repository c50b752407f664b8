import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './helpers/run-cli.js';

const clone = fileURLToPath(new URL('..', import.meta.url));

// The README's quick start for a system Node older than 22: npx in the clone runs the pinned Node.
test('with an old system Node first on the PATH, npx gaussdb-top in the clone runs on the pinned Node', async (context) => {
  let version = '';
  try {
    version = execFileSync('/usr/bin/node', ['--version'], { encoding: 'utf8' }).trim();
    execFileSync('/usr/bin/npx', ['--version'], { encoding: 'utf8' });
  } catch {
    context.skip('no system node and npx to try');
    return;
  }
  if (Number(version.slice(1).split('.')[0]) >= 22) {
    context.skip(`system node ${version} is new enough`);
    return;
  }
  // Only the system's directories on the PATH, and npm kept off the network.
  const env = {
    ...cleanEnv(),
    PATH: '/usr/bin:/bin',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      '/usr/bin/npx',
      ['gaussdb-top', '--demo', '--once'],
      { cwd: clone, env, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^DEMO: /);
  assert.doesNotMatch(result.stderr, /needs Node\.js/);
});
