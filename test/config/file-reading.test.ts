import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  type HostileServer,
  instanceId,
  projectId,
  sendJson,
  startHostileServer,
} from '../helpers/hostile-server.js';
import { binPath, type CliResult, cleanEnv } from '../helpers/run-cli.js';

/** The binary with a short deadline: a hang (the bug) ends as a failure, not a stalled suite. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [binPath, ...args], { env, timeout: 15_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('token and config files: regular files of a bounded size only', () => {
  let server: HostileServer;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const target = () => [
    '--endpoint',
    server.url,
    '--project-id',
    projectId,
    '--instance',
    instanceId(0),
    '--once',
  ];

  before(async () => {
    server = await startHostileServer((_request, response) =>
      sendJson(response, 200, { total_num: '1', active_num: '0', slow_sql_num: '0', lock_num: '0' }),
    );
    env = cleanEnv();
    dir = join(String(env.HOME), 'files');
    mkdirSync(dir);
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    mkdirSync(join(dir, 'directory'));
    writeFileSync(join(dir, 'big-token'), 'x'.repeat(64 * 1024 + 1), { mode: 0o600 });
    writeFileSync(join(dir, 'big.toml'), `# ${'x'.repeat(1024 * 1024)}\n`);
    writeFileSync(join(dir, 'token'), 'a-token\n', { mode: 0o600 });
    writeFileSync(join(dir, 'ok.toml'), 'interval = 5\n');
  });
  after(() => server.close());

  const cases: [string, string, RegExp][] = [
    ['a FIFO', 'fifo', /is not a regular file \(a FIFO\)/],
    ['/dev/zero', '/dev/zero', /is not a regular file \(a character device\)/],
    ['a directory', 'directory', /is not a regular file \(a directory\)/],
    ['a missing file', 'missing', /cannot read .* \(ENOENT\)/],
  ];

  for (const [what, name, reason] of [
    ...cases,
    ['a 64 KB + 1 token', 'big-token', /is larger than 64 KB/] as const,
  ]) {
    test(`--token-file naming ${what}: one line, exit 2, no request`, async () => {
      server.requests.length = 0;
      const path = name.startsWith('/') ? name : join(dir, name);
      const result = await run([...target(), '--token-file', path], env);
      assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
      assert.match(result.stderr, /^gaussdb-top: [^\n]*token file[^\n]*\n$/);
      assert.ok(result.stderr.includes(path), 'names the file');
      assert.match(result.stderr, reason);
      assert.equal(server.requests.length, 0);
    });
  }

  for (const [what, name, reason] of [
    ...cases,
    ['a config over 1 MB', 'big.toml', /is larger than 1 MB/] as const,
  ]) {
    test(`--config naming ${what}: one line, exit 2, no request`, async () => {
      server.requests.length = 0;
      const path = name.startsWith('/') ? name : join(dir, name);
      const result = await run([...target(), '--token-file', join(dir, 'token'), '--config', path], env);
      assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
      assert.match(result.stderr, /^gaussdb-top: [^\n]*config file[^\n]*\n$/);
      assert.ok(result.stderr.includes(path), 'names the file');
      assert.match(result.stderr, reason);
      assert.equal(server.requests.length, 0);
    });
  }

  test('regular files still work', async () => {
    server.requests.length = 0;
    const result = await run(
      [...target(), '--token-file', join(dir, 'token'), '--config', join(dir, 'ok.toml')],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(server.requests.length, 1);
  });
});
