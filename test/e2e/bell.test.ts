import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { eventually } from '../helpers/eventually.js';
import { type LiveRecording, recordLive } from '../helpers/live-recording.js';
import { hasTmux } from '../helpers/tmux.js';

const token = 'bell-token-92ad';

/** BEL bytes the program rang: not those that end an OSC sequence (the title, the clipboard). */
function bells(raw: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences
  const withoutOsc = raw.replace(/\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g, '');
  return [...withoutOsc].filter((character) => character === '\u0007').length;
}

describe('--bell on a real terminal', { skip: !hasTmux() && 'tmux is not installed' }, () => {
  let emulator: Emulator;
  let live: LiveRecording;

  before(async () => {
    emulator = await startEmulator({ instances: 3, credentials: { token } });
    for (const instance of emulator.instances)
      emulator.pin(instance.id, { total: 20, active: 2, slowSql: 0, lock: 0 });
    live = recordLive(
      [
        '--endpoint',
        emulator.url,
        '--project-id',
        emulator.projectId,
        '--discover',
        '--interval',
        '1',
        '--bell',
      ],
      { GAUSSDB_TOKEN: token },
    );
  });
  after(async () => {
    live.pane.kill();
    await emulator.close();
  });

  test('one BEL when an instance enters CRIT, none while it stays there or before', async () => {
    await live.pane.waitFor(/3\/3 OK/);
    assert.equal(bells(live.raw()), 0, 'an ok fleet is quiet');
    const [first] = emulator.instances;
    emulator.pin(first?.id ?? '', { total: 20, active: 2, slowSql: 0, lock: 50 });
    await live.pane.waitFor(/1 CRIT/);
    await eventually(() => (bells(live.raw()) === 1 ? undefined : `${bells(live.raw())} bells`));
    // Polls go on (every second) with the instance still CRIT: no more bells.
    const requests = emulator.stats().overviewRequests;
    await eventually(() => (emulator.stats().overviewRequests >= requests + 6 ? undefined : 'polling'));
    assert.equal(bells(live.raw()), 1);
    live.pane.send('q');
    assert.equal(await live.exited(), 0);
  });
});
