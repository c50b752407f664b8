// --demo beside `serve` or `--source`. The first thing a new user types to try "Sharing one poller" is
// `gaussdb-top serve --demo`; the README says a flag is named, never ignored.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

test('serve --demo is refused by name with one line, exit 2, and listens on nothing', async () => {
  // A port seen free before the run and still free after it: nothing was bound there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  const result = await runCli(['serve', '--demo', '--listen', `127.0.0.1:${port}`], cleanEnv());
  assert.equal(result.code, 2, `serve --demo exited ${result.code}; stdout:\n${result.stdout}`);
  assert.equal(result.stdout, '', 'not a --once table');
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^gaussdb-top: --demo .*serve/);
});

test('--demo --source URL is refused by name, not the demo with --source ignored', async () => {
  const result = await runCli(['--demo', '--source', 'http://127.0.0.1:9', '--once', '--json'], cleanEnv());
  assert.equal(result.code, 2, `exit ${result.code}: the demo ran, --source was ignored`);
  assert.match(result.stderr, /^gaussdb-top: --demo .*--source/);
  assert.equal(result.stdout, '');
});
