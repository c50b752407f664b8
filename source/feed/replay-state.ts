// A recording's events applied to a MonitorStore, as the live poller applies answers: the same levels,
// history, trend and ages, so the screen cannot tell a replay from the live grid except by the header.
// The store's clock is set to each event's recorded time before it is applied.
import { ApiError } from '../cloud/api-error.js';
import type { Language } from '../language.js';
import { defaultThresholds, type Thresholds } from '../monitor/severity.js';
import type { InstanceIdentity } from '../monitor/snapshot.js';
import { MonitorStore } from '../monitor/store.js';
import type { SessionOverview } from '../overview.js';
import type { EventCursor } from '../record/event-cursor.js';
import type { RecordingEvent } from '../record/recording-events.js';
import { type Fleet, instanceKey, nextFleet } from '../record/recording-fleet.js';
import { type Clock, noTimers } from '../time.js';
import { identityOf } from './replay-identity.js';
import { readLookback } from './replay-lookback.js';

function keysOf(fleet: Fleet): Map<number, string> {
  return new Map([...fleet.instances].map(([index, entry]) => [index, instanceKey(entry)]));
}

/** A clock that shows the time of the event being applied, or the replayed moment. */
export class ReplayClock implements Clock {
  constructor(private at: number) {}
  set(at: number): void {
    this.at = at;
  }
  monotonic(): number {
    return this.at;
  }
  wall(): number {
    return this.at;
  }
}

/** The thresholds the recording names, the defaults for any it does not. */
export function recordedThresholds(fleet: Fleet): Thresholds {
  return { ...defaultThresholds, ...fleet.thresholds };
}

/** The state of a recording at one moment, built by applying its events in order. */
export class ReplayState {
  readonly store: MonitorStore;
  private fleet: Fleet;
  /** Each numbered instance's key, for the fleet in force (most events are answers: no string work). */
  private keys = new Map<number, string>();

  /** `identities`: the store's instances, when they are not the fleet's as it names them now. */
  constructor(
    fleet: Fleet,
    readonly clock: ReplayClock,
    language: Language,
    thresholds: Thresholds,
    identities: readonly InstanceIdentity[] = [...fleet.instances.values()].map(identityOf),
  ) {
    this.fleet = fleet;
    this.keys = keysOf(fleet);
    this.store = new MonitorStore(identities, {
      clock,
      thresholds,
      language,
      // Published by hand (`publish`), once per step of the replay.
      timers: noTimers,
      status: {
        paused: false,
        intervalMs: fleet.intervalMs,
        // The recording does not say how fast it was allowed to ask: never shown as throttled.
        configuredRate: Number.POSITIVE_INFINITY,
        effectiveRate: Number.POSITIVE_INFINITY,
        throttledUntil: null,
        credentials: [],
        discovery: [],
        recordedPauseAt: fleet.pausedAt,
      },
    });
  }

  apply(event: RecordingEvent): void {
    this.clock.set(event.t);
    switch (event.kind) {
      case 'answer':
        this.answer(event.i, event.counts, event.ms);
        return;
      case 'error': {
        const key = this.keys.get(event.i);
        if (key === undefined) return;
        const error = new ApiError({ ...event.error, retryable: false, retryAfterMs: null });
        this.store.recordFailure(key, error, event.ms);
        return;
      }
      default: {
        const next = nextFleet(this.fleet, event);
        if (next === this.fleet) return;
        const fleetChanged = next.instances !== this.fleet.instances;
        this.fleet = next;
        if (fleetChanged) this.keys = keysOf(next);
        if (fleetChanged) this.store.setInstances([...next.instances.values()].map(identityOf));
        const { status } = this.store.getSnapshot();
        if (next.intervalMs !== status.intervalMs || next.pausedAt !== status.recordedPauseAt)
          this.store.setStatus({ intervalMs: next.intervalMs, recordedPauseAt: next.pausedAt });
      }
    }
  }

  private answer(index: number, counts: readonly number[], ms: number | null): void {
    const key = this.keys.get(index);
    if (key === undefined) return;
    const order = this.fleet.metricOrder;
    const overview: SessionOverview = {
      total: counts[order.indexOf('total')] ?? 0,
      active: counts[order.indexOf('active')] ?? 0,
      slowSql: counts[order.indexOf('slowSql')] ?? 0,
      lock: counts[order.indexOf('lock')] ?? 0,
    };
    this.store.recordSuccess(key, overview, ms ?? 0);
  }

  /**
   * The state at `until`, from the seek point whose fleet is `fleet` and the cursor at that point: the
   * same as a new ReplayState applying each event up to `until`, without the cost of one view per answer.
   */
  static async read(
    fleet: Fleet,
    cursor: EventCursor,
    until: number,
    options: { clock: ReplayClock; language: Language; thresholds: Thresholds },
  ): Promise<ReplayState> {
    const { clock, language, thresholds } = options;
    // Made at the seek point's time, as a state that applies each event is.
    const from = cursor.lastAt;
    const lookback = await readLookback(fleet, cursor, until, thresholds);
    clock.set(from);
    const state = new ReplayState(lookback.fleet, clock, language, thresholds, lookback.identities);
    clock.set(cursor.lastAt);
    state.store.restore(lookback.restored, lookback.lastChangeWall);
    return state;
  }

  /** Shows what was applied, at the replayed moment `at`. */
  publish(at: number): void {
    this.clock.set(at);
    this.store.flush();
  }
}
