import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LiveRecording, recordLive } from '../helpers/live-recording.js';
import { syntheticLines, writeRecording } from '../helpers/synthetic-recording.js';
import { hasTmux } from '../helpers/tmux.js';

describe('gaussdb-top replay on a real terminal', { skip: !hasTmux() && 'tmux is not installed' }, () => {
  let live: LiveRecording;

  before(() => {
    const path = writeRecording(syntheticLines({ instances: 4, minutes: 10 }).lines, { gzip: true });
    live = recordLive(['replay', path, '--at', '2026-11-28T03:02:00Z'], { TZ: 'UTC' });
  });
  after(() => live.pane.kill());

  test('opens at the time asked, space plays, q restores the terminal', async () => {
    await live.pane.waitFor(/REPLAY 03:02:00/);
    await live.pane.waitFor(/paused 1x/);
    live.pane.send('Space');
    await live.pane.waitFor(/playing 1x/);
    // Played on: the replayed moment in the header moved past where it opened.
    await live.pane.waitFor(/REPLAY 03:02:0[1-9]/, 10_000);
    live.pane.send('q');
    assert.equal(await live.exited(), 0);
    const raw = live.raw();
    // Into the alternate screen and out of it again, the cursor shown and the title put back.
    assert.ok(raw.includes('\u001B[?1049h'), 'entered the alternate screen');
    assert.ok(raw.lastIndexOf('\u001B[?1049l') > raw.lastIndexOf('\u001B[?1049h'), 'left it');
    assert.ok(raw.includes('\u001B[23;0t'), 'title restored');
    assert.doesNotMatch(live.pane.capture(), /REPLAY/);
  });
});
