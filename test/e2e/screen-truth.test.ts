import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { binPath } from '../helpers/run-cli.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

const token = 'truth-token-77ab';
const syncBegin = '\u001B[?2026h';

/** The real binary in a tmux pane of the given size; CI is removed so it draws in colour. */
function launch(emulator: Emulator, size: { columns: number; rows: number }, extra: string[] = []): TmuxPane {
  const args = [...targetFlags(emulator), ...extra];
  return new TmuxPane(
    `sh -c 'env -u CI TERM=xterm-256color GAUSSDB_TOKEN=${token} ${process.execPath} ${binPath} ${args.join(' ')}; sleep 600'`,
    size,
  );
}

describe('the real binary in tmux: a throttled or paused screen never looks fresh', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ instances: 8, credentials: { token } });
    for (const instance of emulator.instances)
      emulator.pin(instance.id, { total: 20, active: 2, slowSql: 0, lock: 0 });
  });
  after(() => emulator?.close());

  test('80x24: THROTTLED opens the first line, rows age, the sum says it has nothing fresh', async () => {
    const pane = launch(emulator, { columns: 80, rows: 24 }, ['--interval', '1']);
    try {
      await pane.waitFor(/8\/8 OK/);
      emulator.setFault('*', { kind: 'status', status: 429, retryAfter: '2' });
      const throttled = await pane.waitFor(/^THROTTLED \(429\)/);
      assert.ok(throttled.split('\n').every((line) => line.length <= 80));
      // Each instance is asked every second: after 2 × 1 s + 3 s without an answer, data is old.
      const old = await pane.waitFor(/^ALL DATA OLD \(\d+s\) THROTTLED \(429\) {2}0\/8 OK/, 15_000);
      const lines = old.split('\n');
      assert.match(lines[1] ?? '', /^Σ no fresh data/);
      const rows = lines.filter((line) => line.includes('· ok'));
      assert.equal(rows.length, 8);
      for (const row of rows) assert.match(row, /\d+s\s*$/, `the row shows its age: ${row}`);
    } finally {
      emulator.setFault('*', undefined);
      pane.kill();
    }
  });
});

describe('the real binary in tmux: paused, nothing is written between the coarse steps', {
  skip: !hasTmux() && 'tmux is not installed',
}, () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ instances: 200, credentials: { token } });
  });
  after(() => emulator?.close());

  test('200 instances at a 1 s interval: one frame from PAUSED 0:05 to PAUSED 0:10', async () => {
    const pane = launch(emulator, { columns: 120, rows: 40 }, ['--interval', '1', '--rate', '400']);
    // On a loaded machine a 1 s interval may not keep all 200 fresh at every moment: wait for it.
    const log = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-pause-')), 'bytes');
    try {
      await pane.waitFor(/200\/200 OK/, 90_000);
      // Every byte from the pause on: on a loaded machine the screen may be read too late to catch a
      // step, but the bytes say what was drawn, and when.
      pane.pipeTo(log);
      pane.send('p');
      const paused = await pane.waitFor(/^❚❚ PAUSED 0:0\d /, 15_000);
      const next = await pane.waitFor(/^❚❚ PAUSED 0:10 /, 30_000);
      pane.pipeTo();
      // Frames are drawn incrementally (only what changed), so they are counted, not read: the pause
      // itself, the 0:05 step, the 0:10 step, and nothing else in ten seconds of a busy fleet.
      const written = readFileSync(log, 'latin1');
      const frames = written.split(syncBegin).length - 1;
      assert.equal(frames, 3, `three frames from the pause to 0:10 (${written.length} bytes in ${frames})`);
      // The sums and counts are those of the moment of pausing.
      assert.equal(next.split('\n')[1], paused.split('\n')[1]);
      assert.match(next.split('\n')[0] ?? '', /200\/200 OK/);
    } finally {
      pane.kill();
    }
  });
});
