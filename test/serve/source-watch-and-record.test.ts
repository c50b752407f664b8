// The modes of the README ("--json --watch", "--record") asked of a screen attached with --source: each
// works as documented or is refused with one line and exit 2, never ignored.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { type ServeProcess, startServe } from '../helpers/serve-fixture.js';

const apiToken = 'Tok-Source-Modes-2290';

describe('--source with the modes scripts use', () => {
  let emulator: Emulator;
  let serve: ServeProcess;

  before(async () => {
    emulator = await startEmulator({ instances: 2, credentials: { token: apiToken } });
    serve = await startServe(
      [...[...targetFlags(emulator)], ...['--interval', '1', '--listen', '127.0.0.1:0']],
      cleanEnv({ GAUSSDB_TOKEN: apiToken }),
    );
  });
  after(async () => {
    await serve.stop('SIGKILL');
    await emulator.close();
  });

  test('--instance with a poller source is refused by name (it was ignored: the whole fleet came back)', async () => {
    const one = emulator.instances[0]?.id ?? '';
    const result = await runCli(['--source', serve.url, '--once', '--json', '--instance', one]);
    assert.equal(result.code, 2, `exit ${result.code}; stdout:\n${result.stdout}`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^gaussdb-top: --instance does not apply to a poller source/);
  });

  test('--json --watch --count 2 into a pipe: two JSON lines, never the full screen', async () => {
    const result = await runCli(['--source', serve.url, '--json', '--watch', '--count', '2']);
    assert.ok(
      !result.stdout.includes('\u001B'),
      `escape sequences of the live screen in a pipe: ${JSON.stringify(result.stdout.slice(0, 300))}`,
    );
    assert.doesNotMatch(result.stderr, /^\s+at /m, `a stack trace:\n${result.stderr}`);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 2);
    for (const line of lines) assert.ok(Array.isArray(JSON.parse(line).instances));
  });

  test('--once --record FILE is refused by name with one line, exit 2, and creates nothing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-source-record-')), 'fleet.ndjson');
    const result = await runCli(['--source', serve.url, '--once', '--record', file]);
    assert.equal(result.code, 2, `exit ${result.code}: ${JSON.stringify(result.stderr)}`);
    assert.match(result.stderr, /^gaussdb-top: --record .*--source/);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.equal(existsSync(file), false);
  });
});
