// An attached screen whose token the poller refuses. The poller is up and answering 401: the screen
// must say refused (as the README's "refused says refused" rule asks), not that the poller cannot be
// reached, and must not show a pace it was never told.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { liveCommand } from '../helpers/live-command.js';
import { cleanEnv } from '../helpers/run-cli.js';
import { type ServeProcess, startServe } from '../helpers/serve-fixture.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const apiToken = 'Tok-E2E-Attached-Refused-31';
const webToken = 'web-token-e2e-refused-8f2c1d-77';

describe('an attached screen with a token the poller refuses', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  let serve: ServeProcess;

  before(async () => {
    emulator = await startEmulator({ instances: 2, credentials: { token: apiToken } });
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-refused-')), 'web.token');
    writeFileSync(tokenFile, `${webToken}\n`, { mode: 0o600 });
    serve = await startServe(
      [...[...targetFlags(emulator)], ...['--listen', '127.0.0.1:0', '--web-token-file', tokenFile]],
      cleanEnv({ GAUSSDB_TOKEN: apiToken }),
    );
  });
  after(async () => {
    await serve.stop('SIGKILL');
    await emulator.close();
  });

  for (const [what, env] of [
    ['a wrong token', { GAUSSDB_TOP_SOURCE_TOKEN: 'not-the-web-token-at-all-0000' }],
    ['no token', { GAUSSDB_TOP_SOURCE_TOKEN: undefined }],
  ] as const) {
    test(`${what}: the first line says the token is refused, not UNREACHABLE`, async () => {
      const pane = new TmuxPane(liveCommand(['--source', serve.url], env), { columns: 80, rows: 12 });
      try {
        // Wait for the screen to have tried (the header has a state), then read what it says.
        const screen = await pane.waitFor(/^\S.*(UNREACHABLE|REFUSED|TOKEN)/m, 20_000);
        const first = screen.split('\n')[0] ?? '';
        assert.doesNotMatch(first, /UNREACHABLE/, `the poller answered 401:\n${screen}`);
        assert.match(first, /REFUSED THE TOKEN \(401\)/);
        assert.doesNotMatch(screen, /req\/s|every \d/, `a pace nobody reported:\n${screen}`);
        assert.ok(!screen.includes(webToken), 'the web token never shows');
      } finally {
        pane.kill();
      }
    });
  }
});
