// `--bell` and `--notify` on a screen attached to `serve`: the README sells attached screens as "the
// same live screen", and the alerts for "where the pane is not visible". They used to be accepted
// there and never ring; now they watch the levels the attached screen shows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { eventually } from '../helpers/eventually.js';
import { type LiveRecording, recordLive } from '../helpers/live-recording.js';
import { cleanEnv } from '../helpers/run-cli.js';
import { type ServeProcess, startServe } from '../helpers/serve-fixture.js';
import { bells, notifications } from '../helpers/terminal-alerts.js';
import { hasTmux } from '../helpers/tmux.js';

const apiToken = 'Tok-Attached-Alerts-4410';
// Ends an OSC early (BEL, ST in both forms), opens one of its own, then a CSI.
const hostileName = 'evil\u0007\u001B\\\u009C\u001B]9;pwned\u0007\u001B[2Jdb';

describe('--bell and --notify on an attached screen', { skip: !hasTmux() && 'tmux is not installed' }, () => {
  let emulator: Emulator;
  let serve: ServeProcess;
  let live: LiveRecording | undefined;

  before(async () => {
    emulator = await startEmulator({ instances: 3, credentials: { token: apiToken } });
    for (const instance of emulator.instances)
      emulator.pin(instance.id, { total: 20, active: 2, slowSql: 0, lock: 0 });
    emulator.rename(emulator.instances[0]?.id ?? '', hostileName);
    serve = await startServe(
      [...[...targetFlags(emulator)], ...['--interval', '1', '--listen', '127.0.0.1:0']],
      cleanEnv({ GAUSSDB_TOKEN: apiToken }),
    );
  });
  after(async () => {
    live?.pane.kill();
    await serve.stop('SIGKILL');
    await emulator.close();
  });

  test('an instance entering CRIT rings once and notifies once, naming it and why', async () => {
    live = recordLive(['--source', serve.url, '--bell', '--notify'], {});
    const screen = await live.pane.waitFor(/3\/3 OK|AFTER rc=\d+/);
    assert.match(screen, /🔔 gaussdb-top/, 'the header says the alerts are armed');
    assert.equal(bells(live.raw()), 0, 'an ok fleet is quiet');
    assert.deepEqual(notifications(live.raw()), { osc9: [], osc777: [] });
    const [first] = emulator.instances;
    emulator.pin(first?.id ?? '', { total: 20, active: 2, slowSql: 0, lock: 50 });
    await live.pane.waitFor(/1 CRIT/);
    const raw = () => live?.raw() ?? '';
    await eventually(() => (bells(raw()) === 1 ? undefined : `${bells(raw())} bells`), 5000);
    await eventually(() => (notifications(raw()).osc777.length === 1 ? undefined : 'no OSC 777'), 5000);
    // Polls go on with the instance still CRIT: nothing more.
    const requests = emulator.stats().overviewRequests;
    await eventually(() => (emulator.stats().overviewRequests >= requests + 6 ? undefined : 'polling'));
    assert.equal(bells(raw()), 1);
    const { osc9, osc777 } = notifications(raw());
    const reason = `CRIT: locks 50 ≥ ${defaultThresholds.lock.crit}`;
    assert.equal(osc9.length, 1, JSON.stringify(osc9));
    assert.match(osc9[0] ?? '', /^gaussdb-top: evil\uFFFD+.*db CRIT: locks 50 ≥ \d+$/u);
    assert.ok(osc9[0]?.endsWith(reason));
    assert.equal(osc777.length, 1);
    assert.ok(osc777[0]?.startsWith('notify;gaussdb-top;evil'), osc777[0]);
    assert.ok(osc777[0]?.endsWith(reason));
    // The name's own sequences never reached the terminal.
    assert.ok(!raw().includes('\u001B]9;pwned'));
    live.pane.send('q');
    assert.equal(await live.exited(), 0);
  });
});
