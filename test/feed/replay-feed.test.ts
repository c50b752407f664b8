import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lookbackMs, openReplay, type ReplayFeed } from '../../source/feed/replay-feed.js';
import { indexRecording } from '../../source/record/recording-index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { countsAt, syntheticLines, writeRecording } from '../helpers/synthetic-recording.js';

/** What a grid row shows of every instance: the counts, level and error code. */
function rows(feed: ReplayFeed) {
  return feed.getSnapshot().instances.map((view) => ({
    name: view.name,
    latest: view.latest?.overview ?? null,
    at: view.latest?.wallAt ?? null,
    level: view.level,
    error: view.error?.code ?? null,
  }));
}

async function open(path: string) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const index = await indexRecording(path);
  const feed = await openReplay(index, { language: 'en-us', clock, timers });
  return { index, feed, clock, timers };
}

for (const gzip of [false, true]) {
  describe(`replay feed over a ${gzip ? 'gzip' : 'plain'} recording of 90 minutes`, () => {
    const { lines, start, end } = syntheticLines({ minutes: 90, failEvery: 7 });
    const path = writeRecording(lines, { gzip });

    test('the index holds a seek point a minute, not a line each', async () => {
      const { index, feed } = await open(path);
      assert.equal(index.start, start);
      assert.equal(index.end, end);
      assert.ok(index.points.length >= 80 && index.points.length <= 92, `${index.points.length} points`);
      await feed.replay.close();
    });

    test('a jump back and a jump far ahead show what reading every line up to that time shows', async () => {
      const { feed } = await open(path);
      const targets = [start + 80 * 60_000 + 2_500, start + 10 * 60_000, start + 47 * 60_000 + 1, end, start];
      for (const target of targets) {
        feed.replay.seekTo(target);
        await feed.replay.settled();
        // The reference: every instance's last event at or before the target, read line by line.
        const poll = Math.floor((target - start) / 5000);
        const expected = feed.getSnapshot().instances.map((_, index) => {
          const last = start + poll * 5000 + index * 10 + 5 <= target ? poll : poll - 1;
          const failed = index === 0 && last % 7 === 6;
          return { last, failed };
        });
        for (const [index, row] of rows(feed).entries()) {
          const { last, failed } = expected[index] as { last: number; failed: boolean };
          if (last < 0) {
            assert.equal(row.latest, null);
            continue;
          }
          assert.equal(row.error, failed ? 'SVC.503' : null, `error of ${index} at ${target - start}`);
          const answered = failed ? last - 1 : last;
          assert.deepEqual(row.latest, countsAt(index, answered), `counts of ${index} at ${target - start}`);
        }
        assert.equal(feed.replay.getPosition().at, target);
      }
      await feed.replay.close();
    });

    test('stepping forward 10 s at a time lands where a jump lands', async () => {
      const { feed } = await open(path);
      const target = start + 20 * 60_000;
      feed.replay.seekTo(target - 60_000);
      for (let step = 0; step < 6; step++) feed.replay.step(10_000);
      await feed.replay.settled();
      const stepped = rows(feed);
      const history = feed.history(feed.getSnapshot().instances[1]?.key ?? '').length;
      feed.replay.seekTo(start);
      await feed.replay.settled();
      feed.replay.seekTo(target);
      await feed.replay.settled();
      assert.deepEqual(rows(feed), stepped);
      // A jump reads enough before its target for the details' whole history.
      assert.equal(feed.history(feed.getSnapshot().instances[1]?.key ?? '').length, history);
      assert.equal(history, 120);
      await feed.replay.close();
    });

    test('playing moves recorded time by speed x real time, and stops at the end', async () => {
      const { feed, timers } = await open(path);
      feed.replay.seekTo(end - 100_000);
      await feed.replay.settled();
      feed.replay.changeSpeed(1);
      feed.replay.changeSpeed(1);
      feed.replay.togglePlay();
      await timers.advance(10_000);
      await feed.replay.settled();
      assert.equal(feed.replay.getPosition().speed, 4);
      assert.equal(feed.replay.getPosition().at, end - 60_000);
      await timers.advance(20_000);
      await feed.replay.settled();
      assert.equal(feed.replay.getPosition().at, end);
      assert.equal(feed.replay.getPosition().playing, false);
      await feed.replay.close();
    });
  });
}

test('speed stays within 1/4x and 256x', async () => {
  const { feed } = await open(writeRecording(syntheticLines({ minutes: 2 }).lines));
  for (let press = 0; press < 12; press++) feed.replay.changeSpeed(1);
  assert.equal(feed.replay.getPosition().speed, 256);
  for (let press = 0; press < 12; press++) feed.replay.changeSpeed(-1);
  assert.equal(feed.replay.getPosition().speed, 1 / 4);
  await feed.replay.close();
});

test('the lookback covers 120 polls at any interval, and never less than 15 minutes', () => {
  assert.equal(lookbackMs(5000), 15 * 60_000);
  assert.ok(lookbackMs(60_000) >= 120 * 60_000);
});
