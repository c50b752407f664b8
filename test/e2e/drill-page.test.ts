import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { eventually } from '../helpers/eventually.js';
import { liveCommand } from '../helpers/live-command.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const token = 'e2e-drill-token-77c1';

const drillCount = (emulator: Emulator) =>
  Object.values(emulator.stats().drillRequests).reduce((sum, count) => sum + count, 0);

describe('the sessions page of the real binary in tmux', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  let pane: TmuxPane;
  let stateHome: string;
  let stormName: string;

  before(async () => {
    emulator = await startEmulator({ instances: 4, credentials: { token } });
    const storm = emulator.instances[0];
    stormName = storm?.name ?? '';
    // A lock storm on one instance (worst first: the first row), quiet elsewhere.
    emulator.pin(storm?.id ?? '', { total: 60, active: 40, slowSql: 2, lock: 20 });
    for (const instance of emulator.instances.slice(1))
      emulator.pin(instance.id, { total: 10, active: 1, slowSql: 0, lock: 0 });
    stateHome = mkdtempSync(join(tmpdir(), 'gaussdb-top-state-'));
    pane = new TmuxPane(
      liveCommand([...targetFlags(emulator), '--interval', '1', '--allow-kill'], {
        GAUSSDB_TOKEN: token,
        XDG_STATE_HOME: stateHome,
      }),
      { columns: 120, rows: 30 },
    );
  });

  after(async () => {
    pane?.kill();
    await emulator?.close();
    rmSync(stateHome, { recursive: true, force: true });
  });

  test('Enter opens the page; nothing is asked for it before; Blocking shows the tree', async () => {
    await pane.waitFor(new RegExp(stormName));
    assert.equal(drillCount(emulator), 0, 'no drill-down request while no page is open');
    pane.send('Enter');
    await pane.waitFor(new RegExp(`Sessions of ${stormName}`));
    await pane.waitFor(/updated \d+s ago/);
    pane.send('2');
    const screen = await pane.waitFor(/blocks \d+/);
    assert.match(screen, /[├└]─ \d+ /);
  });

  test('K asks, names the session; y kills it at the emulator and the audit log says so, mode 0600', async () => {
    pane.send('g', 'K');
    const question = await pane.waitFor(/Kill session (\d+) on /);
    const id = /Kill session (\d+) on /.exec(question)?.[1] ?? '';
    pane.send('y');
    await pane.waitFor(new RegExp(`session ${id} killed`));
    assert.ok((emulator.stats().drillRequests['kill-session'] ?? 0) >= 1);
    const log = join(stateHome, 'gaussdb-top', 'kill.log');
    assert.equal(statSync(log).mode & 0o777, 0o600);
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    assert.match(lines.at(-1) ?? '', new RegExp(`\\b${id}\\b`));
    assert.doesNotMatch(readFileSync(log, 'utf8'), new RegExp(token));
  });

  test('Esc closes the page: the grid goes on, the page asks nothing more', async () => {
    pane.send('Escape');
    await pane.waitFor(/INSTANCE/);
    const closedAt = drillCount(emulator);
    const overviews = emulator.stats().overviewRequests;
    // Three more rounds of the grid (interval 1 s) and not one request for the closed page.
    await eventually(
      () => (emulator.stats().overviewRequests >= overviews + 12 ? undefined : 'fewer than three rounds'),
      15_000,
    );
    assert.equal(drillCount(emulator), closedAt);
  });
});
