// The web token of `serve`, held to what the README promises for tokens ("a token file readable by
// others draws a warning") and to HTTP (the auth scheme is case-insensitive, RFC 9110 11.1).
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { startWebServer, type WebServer } from '../../source/serve/web-server.js';
import { systemTimers } from '../../source/time.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { identity, type ServeProcess, startServe, storeFeed } from '../helpers/serve-fixture.js';

const apiToken = 'Tok-Web-Token-Files-61';
const webToken = 'web-token-files-0c9d7e-31aa';

describe('serve with a web token file others can read', () => {
  let emulator: Emulator;
  let serve: ServeProcess;

  before(async () => {
    emulator = await startEmulator({ instances: 1, credentials: { token: apiToken } });
    const file = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-web-token-')), 'web.token');
    writeFileSync(file, `${webToken}\n`);
    chmodSync(file, 0o644);
    serve = await startServe(
      [...[...targetFlags(emulator)], ...['--listen', '127.0.0.1:0', '--web-token-file', file]],
      cleanEnv({ GAUSSDB_TOKEN: apiToken }),
    );
  });
  after(async () => {
    await serve.stop('SIGKILL');
    await emulator.close();
  });

  test('a mode 0644 token file draws a warning at start, as --token-file does', () => {
    assert.match(
      serve.stderr(),
      /warning: web token file .*web\.token.*(other users|chmod 600)/,
      serve.stderr(),
    );
    assert.ok(!serve.stderr().includes(webToken));
  });

  test("a screen's source token file others can read draws the same warning; 0600 draws none", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gaussdb-top-web-token-'));
    for (const mode of [0o644, 0o600]) {
      const file = join(directory, `source-${mode.toString(8)}.token`);
      writeFileSync(file, `${webToken}\n`);
      chmodSync(file, mode);
      const result = await runCli(['--source', serve.url, '--source-token-file', file, '--once']);
      assert.equal(result.code, 0, result.stderr);
      const warned = /warning: source token file .*can be read by other users/.test(result.stderr);
      assert.equal(warned, mode === 0o644, `mode ${mode.toString(8)}: ${result.stderr}`);
      assert.ok(!`${result.stdout}${result.stderr}`.includes(webToken));
    }
  });
});

describe('the bearer scheme', () => {
  const { feed, clock } = storeFeed([identity(0)]);
  let web: WebServer;
  before(async () => {
    web = await startWebServer({
      feed,
      host: '127.0.0.1',
      port: 0,
      token: webToken,
      clock,
      timers: systemTimers,
    });
  });
  after(() => web.close());

  test('`bearer` and `BEARER` are the same scheme as `Bearer`', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const answer = await request(`${web.url}/healthz`, {
        headers: { authorization: `${scheme} ${webToken}` },
      });
      await answer.body.dump();
      assert.equal(answer.statusCode, 200, scheme);
      const wrong = await request(`${web.url}/healthz`, {
        headers: { authorization: `${scheme} ${webToken.toUpperCase()}` },
      });
      await wrong.body.dump();
      assert.equal(wrong.statusCode, 401, `${scheme}: the token itself is still case-sensitive`);
    }
  });
});
