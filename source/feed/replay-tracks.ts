// A replay's instances as compact state: per instance only what the store would hold after the same
// answers (the sample ring, the trend's minutes, the last two answers, the last error, counters and
// level times), in typed arrays and numbers, no view or object per answer: a jump reads hundreds of
// thousands. The store takes each changed instance's result in one step (`MonitorStore.restore`) when
// the replay shows a moment. The result must be exactly what the store reaches taking the answers one
// by one as the live poller hands them over (test/feed/replay-tracks.test.ts).
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
import type { EventVisitor } from '../record/event-cursor.js';
import type { RecordedError, RecordingEvent } from '../record/recording-events.js';
import { type Fleet, instanceKey, nextFleet } from '../record/recording-fleet.js';
import { identityOf } from './replay-identity.js';

const metricCount = metrics.length;
const activeSlot = metrics.indexOf('active');

/** One instance of the replay (field names as the store's view, so `levelTimes` reads them). */
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
  /** Changed since the store last took it. */
  changed = false;

  constructor(
    public identity: InstanceIdentity,
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

/**
 * The whole fleet's tracks, fed event by event (it is the cursor's visitor). A change of the fleet is
 * told to `onFleet` as it happens; what the answers and errors changed is taken by `takeChanges`.
 */
export class FleetTracks implements EventVisitor {
  private tracks = new Map<string, Track>();
  private byIndex = new Map<number, Track>();
  /** Where each of `metrics` stands in an answer's counts (-1: not recorded, read as 0). */
  private slots: number[] = [];
  private readonly limits: Threshold[];
  private readonly counts = new Float64Array(metricCount);
  private changed: Track[] = [];
  /** Rings are made a block at a time: a jump makes one per instance of the fleet at once. */
  private memory = { buffer: new ArrayBuffer(0), offset: 0 };
  private readonly blocks: ArrayBuffer[] = [];
  /** Wall time at which any count last changed (the store's `lastChangeWall`). */
  lastChangeWall: number | null = null;

  /** `spare`: blocks of rings a replaced state no longer reads (`recycle`), used before new ones. */
  constructor(
    public fleet: Fleet,
    thresholds: Thresholds,
    private readonly onFleet: (identities: InstanceIdentity[]) => void,
    private readonly spare: ArrayBuffer[] = [],
  ) {
    this.limits = metrics.map((metric) => thresholds[metric]);
    this.setFleet(fleet);
  }

  private newTrack(identity: InstanceIdentity): Track {
    const ringBytes = SampleRing.bytes(historyLength);
    if (this.memory.offset + ringBytes > this.memory.buffer.byteLength) {
      const rings = Math.max(64, this.fleet.instances.size);
      this.memory = { buffer: this.spare.pop() ?? new ArrayBuffer(ringBytes * rings), offset: 0 };
      this.blocks.push(this.memory.buffer);
    }
    const track = new Track(identity, this.memory);
    this.memory.offset += ringBytes;
    return track;
  }

  /** An instance that stays keeps its track, and takes the name the fleet now gives it (as the store does). */
  private setFleet(next: Fleet): void {
    const kept = new Map<string, Track>();
    this.byIndex = new Map();
    for (const [index, entry] of next.instances) {
      const key = instanceKey(entry);
      const identity = identityOf(entry);
      const track = kept.get(key) ?? this.tracks.get(key) ?? this.newTrack(identity);
      track.identity = identity;
      kept.set(key, track);
      this.byIndex.set(index, track);
    }
    this.tracks = kept;
    this.slots = metrics.map((metric) => next.metricOrder.indexOf(metric));
    this.fleet = next;
  }

  /** The store's instances in the fleet's order. */
  identities(): InstanceIdentity[] {
    return [...this.fleet.instances.values()].map(
      (entry) => (this.tracks.get(instanceKey(entry)) as Track).identity,
    );
  }

  private touched(track: Track): void {
    if (track.changed) return;
    track.changed = true;
    this.changed.push(track);
  }

  answer(t: number, index: number, recorded: ArrayLike<number>, ms: number | null): void {
    const track = this.byIndex.get(index);
    if (track === undefined) return;
    const { counts, slots, limits } = this;
    // The level as `overviewLevel` finds it, without an overview object per answer.
    let level: Level = 'ok';
    for (let slot = 0; slot < metricCount; slot++) {
      const from = slots[slot] as number;
      const value = from === -1 ? 0 : (recorded[from] ?? 0);
      counts[slot] = value;
      level = worse(level, metricLevel(value, limits[slot] as Threshold));
    }
    if (track.answer(t, counts, level, ms)) this.lastChangeWall = t;
    this.touched(track);
  }

  event(event: Exclude<RecordingEvent, { kind: 'answer' }>): void {
    if (event.kind === 'error') {
      const track = this.byIndex.get(event.i);
      if (track === undefined) return;
      track.failure(event.t, event.error, event.ms);
      this.touched(track);
      return;
    }
    const next = nextFleet(this.fleet, event);
    if (next.instances === this.fleet.instances) {
      this.fleet = next;
      return;
    }
    this.setFleet(next);
    this.onFleet(this.identities());
  }

  /**
   * The memory of every ring, for the state that replaces this one (a jump): reused, not made again,
   * so jumps do not pile up blocks for the collector. Nothing may read these tracks or their store after.
   */
  recycle(): ArrayBuffer[] {
    return [...this.spare, ...this.blocks.splice(0)];
  }

  /** What changed since the last call, for the store to take; instances gone since are left out. */
  takeChanges(): RestoredInstance[] {
    const changed = this.changed;
    this.changed = [];
    return changed.flatMap((track) => {
      track.changed = false;
      if (this.tracks.get(track.identity.key) !== track) return [];
      return track.restored() ?? [];
    });
  }
}
