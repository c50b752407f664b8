// A jump's reading of the recording before its target, kept compact: per instance only what the store
// would hold after the same answers (the sample ring, the trend's minutes, the last two answers, the
// last error, counters and level times), in typed arrays and numbers, no view or object per answer.
// The store then takes each instance's result in one step (`MonitorStore.restore`). The result must be
// exactly what `ReplayState.apply`, one event at a time, leaves (test/feed/replay-lookback.test.ts).
import { ApiError } from '../cloud/api-error.js';
import { metrics } from '../metrics.js';
import { SampleRing } from '../monitor/sample-ring.js';
import { type Level, metricLevel, type Threshold, type Thresholds, worse } from '../monitor/severity.js';
import type { InstanceIdentity } from '../monitor/snapshot.js';
import {
  historyLength,
  levelTimes,
  type RestoredInstance,
  type Sample,
  trendMinutes,
} from '../monitor/store.js';
import { TrendBuckets } from '../monitor/trend.js';
import type { SessionOverview } from '../overview.js';
import type { EventCursor } from '../record/event-cursor.js';
import type { RecordedError } from '../record/recording-events.js';
import { type Fleet, instanceKey, nextFleet } from '../record/recording-fleet.js';
import { identityOf } from './replay-identity.js';

const metricCount = metrics.length;
const activeSlot = metrics.indexOf('active');

/** One instance over the lookback (field names as the store's view, so `levelTimes` reads them). */
class Track {
  readonly history: SampleRing;
  readonly trend = new TrendBuckets(trendMinutes);
  /** The last two answers' counts (`metrics` order): latest first, then previous. */
  private readonly answers = new Float64Array(2 * metricCount);
  private readonly answerTimes = [Number.NaN, Number.NaN];
  successes = 0;
  failures = 0;
  level: Level = 'ok';
  dataLevel: Level | null = null;
  levelSince: number | null = null;
  recoveredAt: number | null = null;
  latencyMs: number | null = null;
  error: { recorded: RecordedError; at: number } | null = null;
  /** Time of the last answer or error: the trend is read there. */
  lastAt: number | null = null;

  constructor(
    readonly identity: InstanceIdentity,
    memory: { buffer: ArrayBuffer; offset: number },
  ) {
    this.history = new SampleRing(historyLength, memory);
  }

  /** Takes an answer; true when its counts differ from the latest (the store's "changed"). */
  answer(t: number, counts: Float64Array, dataLevel: Level, ms: number | null): boolean {
    const latest = this.answers;
    let changed = this.successes === 0;
    for (let index = 0; index < metricCount; index++) {
      if (latest[index] !== counts[index]) changed = true;
      latest[metricCount + index] = latest[index] as number;
      latest[index] = counts[index] as number;
    }
    this.answerTimes[1] = this.answerTimes[0] as number;
    this.answerTimes[0] = t;
    this.history.pushCounts(t, t, counts);
    this.trend.add(t, counts[activeSlot] as number);
    // The same level since the same time: nothing to work out (most answers).
    if (this.levelSince === null || this.level !== dataLevel)
      Object.assign(this, levelTimes(this, dataLevel, t));
    this.level = dataLevel;
    this.dataLevel = dataLevel;
    this.error = null;
    this.latencyMs = ms ?? 0;
    this.successes++;
    this.lastAt = t;
    return changed;
  }

  failure(t: number, recorded: RecordedError, ms: number | null): void {
    if (this.levelSince === null || this.level !== 'error') Object.assign(this, levelTimes(this, 'error', t));
    this.level = 'error';
    this.error = { recorded, at: t };
    this.latencyMs = ms ?? this.latencyMs;
    if (ms !== null) this.failures++;
    this.lastAt = t;
  }

  /** The latest answer (0) or the one before it (1) as the store's sample, or null. */
  private sample(which: 0 | 1): Sample | null {
    if (this.successes <= which) return null;
    const overview = {} as SessionOverview;
    for (const [index, metric] of metrics.entries())
      overview[metric] = this.answers[which * metricCount + index] as number;
    const at = this.answerTimes[which] as number;
    return { at, wallAt: at, overview };
  }

  /** What the store takes, or null when nothing was heard (the view stays as it starts). */
  restored(): RestoredInstance | null {
    if (this.lastAt === null) return null;
    const error =
      this.error && new ApiError({ ...this.error.recorded, retryable: false, retryAfterMs: null });
    return {
      key: this.identity.key,
      history: this.history,
      trend: this.trend,
      view: {
        latest: this.sample(0),
        previous: this.sample(1),
        level: this.level,
        dataLevel: this.dataLevel,
        error: error && {
          status: error.status,
          code: error.code,
          message: error.message,
          requestId: error.requestId,
          at: (this.error as { at: number }).at,
        },
        latencyMs: this.latencyMs,
        trend: this.trend.values(this.lastAt),
        successes: this.successes,
        failures: this.failures,
        levelSince: this.levelSince,
        recoveredAt: this.recoveredAt,
      },
    };
  }
}

export interface Lookback {
  /** The fleet at the end of what was read. */
  fleet: Fleet;
  /** The store's instances in the fleet's order: an instance keeps its identity while it stays. */
  identities: InstanceIdentity[];
  restored: RestoredInstance[];
  lastChangeWall: number | null;
}

/**
 * Reads from `cursor` every event up to `until`, starting with the fleet `fleet`, into the state a store
 * would hold after applying them one by one from empty.
 */
export async function readLookback(
  fleet: Fleet,
  cursor: EventCursor,
  until: number,
  thresholds: Thresholds,
): Promise<Lookback> {
  let tracks = new Map<string, Track>();
  // Every ring of the jump in one allocation (a block more whenever the fleet outgrows it).
  const ringBytes = SampleRing.bytes(historyLength);
  let memory = { buffer: new ArrayBuffer(0), offset: 0 };
  const newTrack = (identity: InstanceIdentity) => {
    if (memory.offset + ringBytes > memory.buffer.byteLength)
      memory = { buffer: new ArrayBuffer(ringBytes * Math.max(64, fleet.instances.size)), offset: 0 };
    const track = new Track(identity, memory);
    memory.offset += ringBytes;
    return track;
  };
  let byIndex = new Map<number, Track>();
  /** Where each of `metrics` stands in an answer's counts (-1: not recorded, read as 0). */
  let slots: number[] = [];
  const setFleet = (next: Fleet) => {
    const kept = new Map<string, Track>();
    byIndex = new Map();
    for (const [index, entry] of next.instances) {
      const key = instanceKey(entry);
      const track = kept.get(key) ?? tracks.get(key) ?? newTrack(identityOf(entry));
      kept.set(key, track);
      byIndex.set(index, track);
    }
    tracks = kept;
    slots = metrics.map((metric) => next.metricOrder.indexOf(metric));
    fleet = next;
  };
  setFleet(fleet);
  const counts = new Float64Array(metricCount);
  const limits = metrics.map((metric) => thresholds[metric]);
  let lastChangeWall: number | null = null;
  await cursor.visitUntil(until, {
    answer(t, index, recorded, ms) {
      const track = byIndex.get(index);
      if (track === undefined) return;
      // The level as `overviewLevel` finds it, without an overview object per answer.
      let level: Level = 'ok';
      for (let slot = 0; slot < metricCount; slot++) {
        const from = slots[slot] as number;
        const value = from === -1 ? 0 : (recorded[from] ?? 0);
        counts[slot] = value;
        level = worse(level, metricLevel(value, limits[slot] as Threshold));
      }
      if (track.answer(t, counts, level, ms)) lastChangeWall = t;
    },
    event(event) {
      if (event.kind === 'error') {
        byIndex.get(event.i)?.failure(event.t, event.error, event.ms);
        return;
      }
      const next = nextFleet(fleet, event);
      if (next.instances !== fleet.instances) setFleet(next);
      else fleet = next;
    },
  });
  const identities = [...fleet.instances.values()].map(
    (entry) => (tracks.get(instanceKey(entry)) as Track).identity,
  );
  const restored = [...tracks.values()].flatMap((track) => track.restored() ?? []);
  return { fleet, identities, restored, lastChangeWall };
}
