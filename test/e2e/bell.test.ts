import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { eventually } from '../helpers/eventually.js';
import { type LiveRecording, recordLive } from '../helpers/live-recording.js';
import { bells, notifications } from '../helpers/terminal-alerts.js';
import { hasTmux } from '../helpers/tmux.js';

const token = 'bell-token-92ad';

describe('--bell and --notify on a real terminal', { skip: !hasTmux() && 'tmux is not installed' }, () => {
  let emulator: Emulator;
  let live: LiveRecording;

  before(async () => {
    emulator = await startEmulator({ instances: 3, credentials: { token } });
    for (const instance of emulator.instances)
      emulator.pin(instance.id, { total: 20, active: 2, slowSql: 0, lock: 0 });
    live = recordLive([...targetFlags(emulator), '--interval', '1', '--bell', '--notify'], {
      GAUSSDB_TOKEN: token,
    });
  });
  after(async () => {
    live.pane.kill();
    await emulator.close();
  });

  test('one BEL and one notification when an instance enters CRIT, none while it stays there or before', async () => {
    const screen = await live.pane.waitFor(/3\/3 OK/);
    assert.match(screen, /🔔 gaussdb-top/, 'the header says the alerts are armed');
    assert.equal(bells(live.raw()), 0, 'an ok fleet is quiet');
    assert.deepEqual(notifications(live.raw()).osc9, []);
    const [first] = emulator.instances;
    emulator.pin(first?.id ?? '', { total: 20, active: 2, slowSql: 0, lock: 50 });
    await live.pane.waitFor(/1 CRIT/);
    await eventually(() => (bells(live.raw()) === 1 ? undefined : `${bells(live.raw())} bells`));
    // Polls go on (every second) with the instance still CRIT: no more bells.
    const requests = emulator.stats().overviewRequests;
    await eventually(() => (emulator.stats().overviewRequests >= requests + 6 ? undefined : 'polling'));
    assert.equal(bells(live.raw()), 1);
    const { osc9, osc777 } = notifications(live.raw());
    const name = first?.name ?? '';
    assert.deepEqual(osc9, [`gaussdb-top: ${name} CRIT: locks 50 ≥ 10`]);
    assert.deepEqual(osc777, [`notify;gaussdb-top;${name} CRIT: locks 50 ≥ 10`]);
    live.pane.send('q');
    assert.equal(await live.exited(), 0);
  });
});
