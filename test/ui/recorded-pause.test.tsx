// A pause of the live poller, recorded by the real recorder, shows in the replay: at a moment inside
// it, the first header line says the polling was paused and for how long (at 60 columns, in both
// languages), and nowhere else. The live side is the real monitor, feed and recorder on fake time.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { liveFeed } from '../../source/feed/live-feed.js';
import { openReplay } from '../../source/feed/replay-feed.js';
import type { Language } from '../../source/language.js';
import type { PollJob } from '../../source/monitor/job.js';
import { createMonitor } from '../../source/monitor/monitor.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { readRecording } from '../../source/record/read-lines.js';
import { startRecording } from '../../source/record/recording.js';
import { indexRecording } from '../../source/record/recording-index.js';
import { App } from '../../source/ui/App.js';
import { createTheme } from '../../source/ui/theme.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { fakeClient } from '../helpers/poller-setup.js';
import { tick } from '../helpers/ui-fixture.js';

process.env.TZ = 'UTC';
const minute = 60_000;

/**
 * Records a live session of three instances polled every 5 s: polling for 5 minutes, paused for
 * 25 (longer than a jump's lookback; the interval changed meanwhile), polling for 5 more. With
 * `pausedBefore`, the recording starts while the poller is already paused. Returns the file and
 * the wall times the pause began and ended.
 */
async function recordWithPause(options: { pausedBefore?: boolean } = {}) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const { client } = fakeClient(clock, async (instanceId) => ({
    total: 100 + Number(instanceId.slice(1)),
    active: Math.floor(clock.monotonic() / 1000) % 60,
    slowSql: 0,
    lock: 0,
  }));
  const jobs: PollJob[] = ['i0', 'i1', 'i2'].map((instanceId) => ({
    client,
    instanceId,
    name: `db-${instanceId}`,
  }));
  const monitor = createMonitor({
    jobs,
    clock,
    timers,
    thresholds: defaultThresholds,
    intervalMs: 5000,
    rate: 1000,
    concurrency: 4,
    language: 'en-us',
  });
  const feed = liveFeed(monitor);
  const path = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-pause-')), 'fleet.ndjson');
  monitor.start();
  if (options.pausedBefore) {
    await timers.advance(minute);
    feed.commands.togglePause();
  }
  const recording = startRecording({
    feed,
    target: { path, maxBytes: 1024 ** 3 },
    targets: [],
    thresholds: defaultThresholds,
    clock,
    timers,
    flushMs: 3000,
    retryMs: 30_000,
  });
  let pausedAt = clock.wall();
  if (!options.pausedBefore) {
    await timers.advance(5 * minute);
    pausedAt = clock.wall();
    feed.commands.togglePause();
  }
  await timers.advance(10 * minute);
  feed.commands.stepInterval(1);
  await timers.advance(15 * minute);
  const resumedAt = clock.wall();
  feed.commands.togglePause();
  await timers.advance(5 * minute);
  await recording.stop();
  monitor.stop();
  return { path, pausedAt, resumedAt };
}

async function firstLine(path: string, at: number, language: Language, width = 60) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const feed = await openReplay(await indexRecording(path), { language, clock, timers, at });
  const ui = render(
    <App
      feed={feed}
      width={width}
      height={24}
      clock={clock}
      timers={timers}
      theme={createTheme(false)}
      thresholds={feed.thresholds}
      target="fleet.ndjson"
    />,
  );
  await feed.replay.settled();
  await tick();
  const lines = (ui.lastFrame() ?? '').split('\n');
  ui.unmount();
  await feed.replay.close();
  assert.ok(
    lines.every((line) => stringWidth(line) <= width),
    'the frame fits',
  );
  return lines[0] ?? '';
}

describe('a recorded pause of the poller, replayed', () => {
  test('the recorder writes the pause and its end, and the interval changed during it', async () => {
    const { path } = await recordWithPause();
    const { lines } = await readRecording(path);
    const statuses = lines.filter((line) => 'paused' in line).map((line) => [line.paused, line.interval_s]);
    assert.deepEqual(statuses, [
      [true, 5],
      [true, 10],
      [false, 10],
    ]);
  });

  test('inside the pause the first line says POLLING PAUSED and for how long, at 60 columns', async () => {
    const { path, pausedAt, resumedAt } = await recordWithPause();
    // 45 s into the pause; then 20 minutes in, past a jump's lookback and the interval change.
    assert.match(await firstLine(path, pausedAt + 45_000, 'en-us'), /POLLING PAUSED 0:45/);
    assert.match(await firstLine(path, pausedAt + 20 * minute, 'en-us'), /POLLING PAUSED 20:00/);
    assert.match(await firstLine(path, pausedAt + 20 * minute, 'zh-cn'), /轮询已暂停 20:00/);
    // Before it and after it: nothing of the kind.
    for (const at of [pausedAt - 10_000, resumedAt + 10_000]) {
      for (const language of ['en-us', 'zh-cn'] as const)
        assert.doesNotMatch(await firstLine(path, at, language), /PAUSED|暂停/);
    }
  });

  test('a recording started while the poller was paused shows the pause from its first line', async () => {
    const { path, resumedAt } = await recordWithPause({ pausedBefore: true });
    const { lines } = await readRecording(path);
    assert.deepEqual(
      lines.slice(0, 2).map((line) => [Boolean(line.gaussdb_top_recording), line.paused ?? null]),
      [
        [true, null],
        [false, true],
      ],
    );
    const index = await indexRecording(path);
    assert.match(await firstLine(path, index.start + 5 * minute, 'en-us'), /POLLING PAUSED 5:00/);
    assert.doesNotMatch(await firstLine(path, resumedAt + 10_000, 'en-us'), /PAUSED/);
  });
});
