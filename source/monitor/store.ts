import type { ApiError } from '../cloud/api-error.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import type { Language } from '../language.js';
import { metrics } from '../metrics.js';
import type { Clock, Timers } from '../time.js';
import { type Sample, SampleRing } from './sample-ring.js';
import { type Level, overviewLevel, type Thresholds } from './severity.js';
import { TrendBuckets } from './trend.js';

export type { Sample } from './sample-ring.js';

import type {
  InstanceError,
  InstanceIdentity,
  InstanceView,
  MonitorSnapshot,
  PollerStatus,
} from './snapshot.js';

export type {
  CredentialStatus,
  DiscoveryProblem,
  InstanceError,
  InstanceIdentity,
  InstanceView,
  MonitorSnapshot,
  PollerStatus,
} from './snapshot.js';

/** A change of level starts a new `levelSince`; a change to ok from anything worse is a recovery. */
export function levelTimes(
  view: Pick<InstanceView, 'level' | 'levelSince' | 'recoveredAt'>,
  level: Level,
  at: number,
): Pick<InstanceView, 'levelSince' | 'recoveredAt'> {
  if (view.levelSince !== null && view.level === level)
    return { levelSince: view.levelSince, recoveredAt: view.recoveredAt };
  return { levelSince: at, recoveredAt: level === 'ok' && view.levelSince !== null ? at : null };
}

/** Samples of history kept per instance (the details view's chart). */
export const historyLength = 120;

function sameOverview(a: SessionOverview, b: SessionOverview): boolean {
  return metrics.every((metric) => a[metric] === b[metric]);
}
/** Minutes of the trend column. */
export const trendMinutes = 12;

/** One instance's state, set at once by `restore`. */
export interface RestoredInstance {
  key: string;
  history: SampleRing;
  trend: TrendBuckets;
  view: Omit<InstanceView, keyof InstanceIdentity>;
}

export interface StoreOptions {
  clock: Clock;
  thresholds: Thresholds;
  language: Language;
  status: PollerStatus;
  /**
   * Results arriving within this window are published together (one render per burst). Without it,
   * the window is a fifth of the polling interval (50 ms to 1 s): answers spread evenly over an
   * interval still cost a handful of renders per interval, not one per answer.
   */
  coalesceMs?: number;
  /** Publication waits on these; tests pass fake ones (or ones that never fire) and flush themselves. */
  timers: Timers;
}

/**
 * The monitor's state: written by the poller, read by the screen through immutable snapshots and
 * `subscribe()` (fit for React's `useSyncExternalStore`).
 */
export class MonitorStore {
  private snapshot: MonitorSnapshot;
  private readonly indexByKey = new Map<string, number>();
  private readonly histories = new Map<string, SampleRing>();
  private readonly trends = new Map<string, TrendBuckets>();
  private readonly listeners = new Set<() => void>();
  private pending: InstanceView[] | undefined;
  private pendingFields: Partial<Omit<MonitorSnapshot, 'instances' | 'version'>> = {};
  private flushScheduled = false;
  private urgentScheduled = false;
  private unheard: number;
  private readonly heard = Promise.withResolvers<void>();
  /** Settles once every instance has answered or failed at least once. */
  readonly heardFromAll: Promise<void> = this.heard.promise;

  constructor(
    identities: readonly InstanceIdentity[],
    private readonly options: StoreOptions,
  ) {
    this.unheard = identities.length;
    if (this.unheard === 0) this.heard.resolve();
    const instances = identities.map((identity) => this.newView(identity));
    for (const [index, view] of instances.entries()) this.indexByKey.set(view.key, index);
    this.snapshot = {
      instances,
      status: options.status,
      language: options.language,
      lastChangeWall: null,
      version: 0,
      startedAt: options.clock.monotonic(),
    };
  }

  private newView(identity: InstanceIdentity): InstanceView {
    // Made at the first answer (`historyOf`): a replay's jump hands most instances one of its own.
    this.histories.delete(identity.key);
    this.trends.set(identity.key, new TrendBuckets(trendMinutes));
    return {
      ...identity,
      latest: null,
      previous: null,
      level: 'ok',
      dataLevel: null,
      error: null,
      latencyMs: null,
      trend: [],
      successes: 0,
      failures: 0,
      levelSince: null,
      recoveredAt: null,
    };
  }

  /**
   * Rediscovery found instances added, deleted or renamed: instances already known keep their view
   * and history (under the name the listing gives now), new ones start empty, deleted ones go.
   */
  setInstances(identities: readonly InstanceIdentity[]): void {
    const known = new Map(this.draft().map((view) => [view.key, view]));
    const next = identities.map((identity) => {
      const view = known.get(identity.key);
      if (view === undefined) return this.newView(identity);
      return view.name === identity.name ? view : { ...view, name: identity.name };
    });
    const kept = new Set(identities.map((identity) => identity.key));
    for (const key of known.keys()) {
      if (kept.has(key)) continue;
      this.histories.delete(key);
      this.trends.delete(key);
    }
    this.indexByKey.clear();
    for (const [index, view] of next.entries()) this.indexByKey.set(view.key, index);
    this.pending = next;
    this.flush();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): MonitorSnapshot => this.snapshot;

  /** The full history of one instance (oldest first), for the details view. */
  history(key: string): Sample[] {
    return this.histories.get(key)?.samples() ?? [];
  }

  private historyOf(key: string): SampleRing | undefined {
    if (!this.indexByKey.has(key)) return undefined;
    let history = this.histories.get(key);
    if (history === undefined) {
      history = new SampleRing(historyLength);
      this.histories.set(key, history);
    }
    return history;
  }

  private draft(): InstanceView[] {
    this.pending ??= [...this.snapshot.instances];
    return this.pending;
  }

  private update(key: string, change: (view: InstanceView) => InstanceView): void {
    const index = this.indexByKey.get(key);
    if (index === undefined) return;
    const instances = this.draft();
    const before = instances[index] as InstanceView;
    instances[index] = change(before);
    const first = before.latest === null && before.error === null;
    if (first && --this.unheard === 0) this.heard.resolve();
    // The first news of an instance goes on screen at once: nobody should wait a second for rows to fill.
    this.scheduleFlush(first);
  }

  recordSuccess(key: string, answer: SessionOverview, latencyMs: number): void {
    // Unchanged counts keep the object already shown: rows live a whole interval, so every object
    // they hold outlives the young generation (bench/README.md, memory).
    const shown = (this.pending ?? this.snapshot.instances)[this.indexByKey.get(key) ?? -1]?.latest?.overview;
    const overview = shown && sameOverview(shown, answer) ? shown : answer;
    const changed = overview !== shown;
    const sample: Sample = {
      at: this.options.clock.monotonic(),
      wallAt: this.options.clock.wall(),
      overview,
    };
    this.historyOf(key)?.push(sample);
    const trend = this.trends.get(key);
    trend?.add(sample.at, overview.active);
    const dataLevel = overviewLevel(overview, this.options.thresholds);
    this.update(key, (view) => ({
      ...view,
      previous: view.latest,
      latest: sample,
      level: dataLevel,
      dataLevel,
      error: null,
      latencyMs,
      trend: trend?.values(sample.at) ?? [],
      successes: view.successes + 1,
      ...levelTimes(view, dataLevel, sample.at),
    }));
    if (changed) this.pendingFields.lastChangeWall = sample.wallAt;
  }

  /**
   * An attempt failed; `latencyMs` is null when the instance was not asked at all (its credentials were
   * refused for another instance): then it shows the error without counting as a failure of its own.
   */
  recordFailure(key: string, error: ApiError, latencyMs: number | null): void {
    const failure: InstanceError = {
      status: error.status,
      code: error.code,
      message: error.message,
      requestId: error.requestId,
      at: this.options.clock.monotonic(),
    };
    // The trend's time axis moves on while the instance fails: old minutes drift left, new ones stay empty.
    const trend = this.trends.get(key)?.values(failure.at) ?? [];
    this.update(key, (view) => ({
      ...view,
      trend,
      level: 'error',
      error: failure,
      latencyMs: latencyMs ?? view.latencyMs,
      failures: view.failures + (latencyMs === null ? 0 : 1),
      ...levelTimes(view, 'error', failure.at),
    }));
  }

  /**
   * Sets instances' whole state at once, as `recordSuccess` and `recordFailure` would have left it:
   * for a replay's jump, which reads the answers before its target into compact state and hands over
   * only the result. `history` and `trend` become the instance's own; unknown keys are ignored.
   */
  restore(instances: Iterable<RestoredInstance>, lastChangeWall: number | null): void {
    for (const { key, history, trend, view } of instances) {
      if (!this.indexByKey.has(key)) continue;
      this.histories.set(key, history);
      this.trends.set(key, trend);
      this.update(key, (before) => ({ ...before, ...view }));
    }
    if (lastChangeWall !== null) this.pendingFields.lastChangeWall = lastChangeWall;
    this.flush();
  }

  /** Status changes are rare and mostly answer a key press (pause, interval): shown at once. */
  setStatus(status: Partial<PollerStatus>): void {
    this.pendingFields.status = { ...(this.pendingFields.status ?? this.snapshot.status), ...status };
    this.flush();
  }

  setLanguage(language: Language): void {
    this.pendingFields.language = language;
    this.flush();
  }

  private scheduleFlush(urgent = false): void {
    if (this.flushScheduled && (!urgent || this.urgentScheduled)) return;
    const status = this.pendingFields.status ?? this.snapshot.status;
    const delay = urgent
      ? Math.min(50, this.options.coalesceMs ?? 50)
      : (this.options.coalesceMs ?? Math.min(1000, Math.max(50, status.intervalMs / 5)));
    this.flushScheduled = true;
    if (urgent) this.urgentScheduled = true;
    this.options.timers.set(() => this.flush(), delay);
  }

  /** Publishes everything recorded since the last publication as one snapshot, and tells listeners once. */
  flush(): void {
    this.flushScheduled = false;
    this.urgentScheduled = false;
    if (!this.pending && Object.keys(this.pendingFields).length === 0) return;
    this.snapshot = {
      ...this.snapshot,
      ...this.pendingFields,
      instances: this.pending ?? this.snapshot.instances,
      version: this.snapshot.version + 1,
    };
    this.pending = undefined;
    this.pendingFields = {};
    for (const listener of this.listeners) listener();
  }
}
