// A replay reads the recording into compact state and hands the store only the result
// (replay-tracks.ts). That must be exactly the state the store reaches when every event is applied
// one by one, as the live poller's answers are (test/helpers/replay-one-by-one.ts): every count, level, level time, history sample, trend
// minute, error, latency, counter and the header's status. Randomised recordings try the corners:
// errors with and without latency, unchanged answers, gaps, pauses, interval changes, instances
// added late and removed, sessions that renumber and rename, garbage and answers in another key order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lookbackPoint } from '../../source/feed/replay-feed.js';
import { ReplayClock, ReplayState, recordedThresholds } from '../../source/feed/replay-state.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import type { InstanceIdentity } from '../../source/monitor/snapshot.js';
import { EventCursor } from '../../source/record/event-cursor.js';
import {
  addedLine,
  answerLine,
  errorLine,
  removedLine,
  sessionLine,
  statusLine,
  stopLine,
} from '../../source/record/format.js';
import { indexRecording, type RecordingIndex, type SeekPoint } from '../../source/record/recording-index.js';
import { identity } from '../helpers/recording-setup.js';
import { OneByOne } from '../helpers/replay-one-by-one.js';
import { recordingStart, writeRecording } from '../helpers/synthetic-recording.js';

/** A small seeded generator: the same recording on every run, a different one per seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (limit: number) => Math.floor(next() * limit),
    chance: (probability: number) => next() < probability,
  };
}

/** Lines as the recorder writes them (and some it never would), with the time of every event. */
function randomRecording(seed: number): { lines: string[]; times: number[] } {
  const pick = random(seed);
  const keys = 7;
  const lines: string[] = [];
  const times: number[] = [];
  let t = recordingStart;
  let intervalMs = 5000;
  let paused = false;
  /** The fleet by number, and the last counts each number answered (some answers repeat them). */
  let fleet = new Map<number, number>();
  const lastCounts = new Map<number, ReturnType<typeof countsFor>>();
  let nextNumber = 0;
  const name = (key: number) => (pick.chance(0.3) ? `renamed-${key}-${pick.below(100)}` : `db-${key}`);
  const countsFor = () => ({
    total: 700 + pick.below(900),
    active: 30 + pick.below(90),
    slowSql: pick.below(13),
    lock: pick.below(13),
  });
  const push = (line: string) => {
    lines.push(line);
    times.push(t);
  };
  const session = () => {
    const members = Array.from({ length: keys }, (_, key) => key).filter(() => pick.chance(0.7));
    if (pick.chance(0.5)) members.reverse();
    const identities: InstanceIdentity[] = members.map((key) => identity(key, name(key)));
    fleet = new Map(members.map((key, index) => [index, key]));
    nextNumber = members.length;
    lastCounts.clear();
    intervalMs = [1000, 5000, 10_000][pick.below(3)] as number;
    paused = false;
    push(
      sessionLine({
        version: '0.1.0',
        wallAt: t,
        intervalMs,
        thresholds: defaultThresholds,
        targets: [],
        instances: identities,
      }),
    );
  };
  session();
  for (let event = 0; event < 6000; event++) {
    t += pick.chance(0.2) ? 0 : pick.below(Math.max(2, intervalMs / Math.max(1, fleet.size)));
    const numbers = [...fleet.keys()];
    const member = numbers[pick.below(numbers.length)];
    const roll = pick.below(1000);
    if (roll < 700 && member !== undefined) {
      const counts = pick.chance(0.4) ? (lastCounts.get(member) ?? countsFor()) : countsFor();
      lastCounts.set(member, counts);
      const ms = pick.chance(0.85) ? pick.below(400) : null;
      if (pick.chance(0.04)) {
        // Keys in another order, or one a later version added: read by JSON.parse, not the scanner.
        const n = [counts.total, counts.active, counts.slowSql, counts.lock];
        push(`${JSON.stringify(pick.chance(0.5) ? { i: member, t, n, ms } : { t, i: member, n, x: 1 })}\n`);
      } else push(answerLine(t, member, counts, ms));
    } else if (roll < 800 && member !== undefined) {
      const error = {
        status: pick.chance(0.7) ? 503 : null,
        code: pick.chance(0.5) ? 'SVC.503' : 'TIMEOUT',
        message: `busy ${event}`,
        requestId: pick.chance(0.5) ? `r${event}` : null,
        at: 0,
      };
      push(errorLine(t, member, error, pick.chance(0.5) ? pick.below(300) : null));
    } else if (roll < 830) {
      paused = !paused;
      push(statusLine(t, { paused, intervalMs }));
    } else if (roll < 840) {
      intervalMs = [1000, 5000, 10_000][pick.below(3)] as number;
      push(statusLine(t, { paused, intervalMs }));
    } else if (roll < 870) {
      const absent = Array.from({ length: keys }, (_, key) => key).filter(
        (key) => ![...fleet.values()].includes(key),
      );
      const key = absent[pick.below(absent.length)];
      if (key === undefined) continue;
      const index = nextNumber++;
      fleet.set(index, key);
      push(addedLine(t, [{ index, identity: identity(key, name(key)) }]));
    } else if (roll < 890 && member !== undefined) {
      fleet.delete(member);
      push(removedLine(t, [member]));
    } else if (roll < 900) {
      if (pick.chance(0.5)) push(stopLine(t));
      session();
    } else if (roll < 915) {
      // Garbage: not JSON, and an object of no known kind.
      push(pick.chance(0.5) ? 'not a line of a recording\n' : `{"t":${t},"what":1}\n`);
    } else if (roll < 930) {
      // A gap: nothing recorded for minutes.
      t += 60_000 + pick.below(5 * 60_000);
    } else if (roll < 940) {
      // A number no instance has: nothing to apply it to.
      push(answerLine(t, 999, countsFor(), 5));
    }
  }
  return { lines, times };
}

/** Everything the screen and the details view can read of a state, at the replayed moment. */
function stateOf(state: Pick<ReplayState, 'store'>) {
  const { version: _version, ...snapshot } = state.store.getSnapshot();
  return {
    ...snapshot,
    histories: snapshot.instances.map((view) => state.store.history(view.key)),
  };
}

const thresholdsOf = (index: RecordingIndex) => recordedThresholds((index.points.at(-1) as SeekPoint).fleet);

/** The old way: a store at the jump's seek point, every event applied to it one by one. */
async function appliedOneByOne(index: RecordingIndex, target: number) {
  const point = lookbackPoint(index, target);
  const state = new OneByOne(point.fleet, new ReplayClock(point.t), 'en-us', thresholdsOf(index));
  const cursor = new EventCursor(index, point);
  await cursor.readUntil(target, (event) => state.apply(event));
  return {
    state,
    cursor,
    readUntil: (until: number) => cursor.readUntil(until, (event) => state.apply(event)),
  };
}

/** The jump's way: the same seek point, read into compact state, handed to the store at once. */
async function readAtOnce(index: RecordingIndex, target: number) {
  const point = lookbackPoint(index, target);
  const state = new ReplayState(point.fleet, new ReplayClock(point.t), 'en-us', thresholdsOf(index));
  const cursor = new EventCursor(index, point);
  await state.readUntil(cursor, target);
  return { state, cursor, readUntil: (until: number) => state.readUntil(cursor, until) };
}

/** Times where a mistake would show: exact event times, a millisecond either side, seek points, ends. */
function targetsOf(index: RecordingIndex, times: readonly number[], seed: number): number[] {
  const pick = random(seed + 1);
  const targets = [index.start, index.end];
  for (let count = 0; count < 6; count++) {
    const at = times[pick.below(times.length)] as number;
    targets.push(at, at - 1, at + 1);
  }
  for (let count = 0; count < 4; count++) {
    const point = index.points[pick.below(index.points.length)];
    if (point) targets.push(point.t, point.t - 1);
  }
  return targets.filter((at) => at >= index.start && at <= index.end);
}

for (const gzip of [false, true]) {
  describe(`a jump into a ${gzip ? 'gzip' : 'plain'} recording equals applying every event`, () => {
    for (const seed of [1, 2, 3]) {
      test(`random recording ${seed}`, async () => {
        const { lines, times } = randomRecording(seed);
        const index = await indexRecording(writeRecording(lines, { gzip }));
        const seen = { errors: 0, paused: 0, levels: new Set<string>(), renamed: 0, history: 0 };
        for (const target of targetsOf(index, times, seed)) {
          const reference = await appliedOneByOne(index, target);
          const fast = await readAtOnce(index, target);
          reference.state.publish(target);
          fast.state.publish(target);
          const expected = stateOf(reference.state);
          assert.deepEqual(stateOf(fast.state), expected, `state at ${target - index.start} ms`);
          // What the store keeps beyond the view (the ring, the trend's minutes) carries on the same.
          const later = target + 45_000;
          await reference.readUntil(later);
          await fast.readUntil(later);
          reference.state.publish(later);
          fast.state.publish(later);
          assert.deepEqual(
            stateOf(fast.state),
            stateOf(reference.state),
            `${target - index.start} ms + 45 s`,
          );
          await reference.cursor.close();
          await fast.cursor.close();
          // What these recordings put to the test, so a generator that stopped making it is noticed.
          for (const view of expected.instances) {
            if (view.error) seen.errors++;
            seen.levels.add(view.level);
            if (view.name.startsWith('renamed')) seen.renamed++;
          }
          if (expected.status.recordedPauseAt != null) seen.paused++;
          seen.history += expected.histories.reduce((sum, samples) => sum + samples.length, 0);
        }
        assert.ok(
          seen.errors > 0 && seen.paused > 0 && seen.renamed > 0 && seen.history > 0,
          JSON.stringify(seen),
        );
        assert.ok(seen.levels.has('crit') && seen.levels.has('error'), [...seen.levels].join());
      });
    }
  });
}
