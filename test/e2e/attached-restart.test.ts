import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { freePort } from '../helpers/free-port.js';
import { liveCommand } from '../helpers/live-command.js';
import { cleanEnv } from '../helpers/run-cli.js';
import { type ServeProcess, startServe } from '../helpers/serve-fixture.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const apiToken = 'Tok-Attached-Restart-5c21';

/** The row of `name` on the screen, or undefined. */
const rowOf = (screen: string, name: string) => screen.split('\n').find((line) => line.includes(` ${name} `));

/** Undefined when every pinned instance's row shows `total` and `active`; else what is wrong. */
function showsCounts(screen: string, names: readonly string[], total: number, active: number) {
  for (const name of names) {
    const row = rowOf(screen, name);
    if (!row) return `no row for ${name}`;
    if (!new RegExp(`\\s${total}\\s+${active}\\s+0\\s+0(\\s|$)`).test(row))
      return `${name} does not show ${total}/${active}: ${row}`;
  }
  return undefined;
}

describe('an attached screen across a poller killed and restarted', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  let pane: TmuxPane | undefined;
  let serve: ServeProcess | undefined;
  let names: string[] = [];

  before(async () => {
    emulator = await startEmulator({ instances: 4, credentials: { token: apiToken } });
    names = emulator.instances.filter((instance) => /^[a-z]/.test(instance.name)).map((i) => i.name);
  });
  after(async () => {
    pane?.kill();
    await serve?.stop('SIGKILL');
    await emulator.close();
  });

  const pinAll = (total: number, active: number) => {
    for (const instance of emulator.instances)
      emulator.pin(instance.id, { total, active, slowSql: 0, lock: 0 });
  };

  test('SIGKILL: the first line says unreachable and rows age; a restart on the same port is picked up by itself', async () => {
    const port = await freePort();
    const serveArgs = [...targetFlags(emulator), '--interval', '1', '--listen', `127.0.0.1:${port}`];
    const env = cleanEnv({ GAUSSDB_TOKEN: apiToken });
    pinAll(321, 12);
    serve = await startServe(serveArgs, env);
    pane = new TmuxPane(liveCommand(['--source', `http://127.0.0.1:${port}`]), { columns: 100, rows: 20 });
    const live = await pane.waitUntil(
      (screen) =>
        (/● LIVE/.test(screen.split('\n')[0] ?? '') ? undefined : 'not LIVE') ??
        showsCounts(screen, names, 321, 12),
    );
    assert.match(live.split('\n')[0] ?? '', /4\/4 OK/);

    assert.notEqual(await serve.stop('SIGKILL'), 0);
    serve = undefined;
    // With a 1 s interval data is stale after 5 s; the header must say why at once, the rows must age.
    const down = await pane.waitUntil((screen) => {
      const first = screen.split('\n')[0] ?? '';
      if (!/^127\.0\.0\.1:\d+ UNREACHABLE \d+s, reconnecting/.test(first)) return `first line: ${first}`;
      for (const name of names) {
        const row = rowOf(screen, name) ?? '';
        if (!/\s\d+s\s*$/.test(row)) return `${name} shows no age: ${row}`;
      }
      return undefined;
    }, 20_000);
    assert.doesNotMatch(down.split('\n')[0] ?? '', /● LIVE/);
    assert.ok(
      showsCounts(down, names, 321, 12) === undefined,
      'the last numbers stay on screen while the poller is gone',
    );

    // New numbers at the emulator: only a screen that really reconnected can show them.
    pinAll(654, 33);
    serve = await startServe(serveArgs, env);
    const back = await pane.waitUntil((screen) => {
      const first = screen.split('\n')[0] ?? '';
      if (/UNREACHABLE/.test(first)) return `still unreachable: ${first}`;
      if (!/● LIVE/.test(first) || !/4\/4 OK/.test(first)) return `not live: ${first}`;
      return showsCounts(screen, names, 654, 33);
    }, 30_000);
    for (const name of names) assert.doesNotMatch(rowOf(back, name) ?? '', /\s\d+s\s*$/, `${name} is fresh`);
  });
});
