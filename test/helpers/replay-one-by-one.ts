// The replay as it was first built, kept as the reference a faster replay must match: every event of a
// recording applied to a MonitorStore one by one, answers through `recordSuccess` and errors through
// `recordFailure`, exactly as the live poller hands them over.
import { ApiError } from '../../source/cloud/api-error.js';
import { identityOf } from '../../source/feed/replay-identity.js';
import { type ReplayClock, replayStatus } from '../../source/feed/replay-state.js';
import type { Language } from '../../source/language.js';
import type { Thresholds } from '../../source/monitor/severity.js';
import { MonitorStore } from '../../source/monitor/store.js';
import type { SessionOverview } from '../../source/overview.js';
import type { RecordingEvent } from '../../source/record/recording-events.js';
import { type Fleet, instanceKey, nextFleet } from '../../source/record/recording-fleet.js';
import { noTimers } from '../../source/time.js';

const keysOf = (fleet: Fleet) =>
  new Map([...fleet.instances].map(([index, entry]) => [index, instanceKey(entry)]));

export class OneByOne {
  readonly store: MonitorStore;
  private fleet: Fleet;
  private keys: Map<number, string>;

  constructor(
    fleet: Fleet,
    readonly clock: ReplayClock,
    language: Language,
    thresholds: Thresholds,
  ) {
    this.fleet = fleet;
    this.keys = keysOf(fleet);
    this.store = new MonitorStore([...fleet.instances.values()].map(identityOf), {
      clock,
      thresholds,
      language,
      timers: noTimers,
      status: replayStatus(fleet),
    });
  }

  apply(event: RecordingEvent): void {
    this.clock.set(event.t);
    if (event.kind === 'answer') {
      const key = this.keys.get(event.i);
      if (key === undefined) return;
      const order = this.fleet.metricOrder;
      const overview: SessionOverview = {
        total: event.counts[order.indexOf('total')] ?? 0,
        active: event.counts[order.indexOf('active')] ?? 0,
        slowSql: event.counts[order.indexOf('slowSql')] ?? 0,
        lock: event.counts[order.indexOf('lock')] ?? 0,
      };
      this.store.recordSuccess(key, overview, event.ms ?? 0);
      return;
    }
    if (event.kind === 'error') {
      const key = this.keys.get(event.i);
      if (key === undefined) return;
      const error = new ApiError({ ...event.error, retryable: false, retryAfterMs: null });
      this.store.recordFailure(key, error, event.ms);
      return;
    }
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

  publish(at: number): void {
    this.clock.set(at);
    this.store.flush();
  }
}
