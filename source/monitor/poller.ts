import { type ApiError, toApiError } from '../cloud/api-error.js';
import { CredentialsResting, isCredentialRefusal } from '../cloud/credential-errors.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import type { Clock, Timers } from '../time.js';
import { backoffMs } from './backoff.js';
import { BudgetShare } from './budget-share.js';
import { probeTargets, refusalVerdict } from './credential-status.js';
import { GateWatch } from './gate-watch.js';
import { HeldInstances } from './held-instances.js';
import { type InstanceState, newInstanceState, withoutListenerLimit } from './instance-state.js';
import { type CredentialGateView, jobKey, type PollJob } from './job.js';
import { MinHeap } from './min-heap.js';
import { RateBudget } from './rate-budget.js';
import { RateGovernor } from './rate-governor.js';
import type { MonitorStore, PollerStatus } from './store.js';

export interface PollerOptions {
  clock: Clock;
  timers: Timers;
  intervalMs: number;
  rate: number;
  concurrency: number;
  random?: () => number; // [0, 1) for backoff jitter; injectable for tests
  /** Credential gates to report on even before any instance uses them (a listing was refused). */
  gates?: readonly CredentialGateView[];
}

const wakeGridMs = 250; // the poller wakes on multiples of this many milliseconds

/**
 * One scheduler for every instance: each is asked once per interval, at most once at a time, within a
 * global concurrency cap and request-rate budget. Errors back off per instance; 429s slow everyone;
 * the credential gate (in the cloud client) decides which requests may leave; held ones wait here.
 */
export class Poller {
  private states: InstanceState[];
  private readonly idle = new MinHeap<InstanceState>((state) => state.dueAt);
  private readonly held = new HeldInstances();
  private refusalSeen = false;
  private readonly budget: RateBudget;
  private readonly governor: RateGovernor;
  private readonly random: () => number;
  private readonly gates = new GateWatch(() => this.onGateChange());
  private timer: unknown = null;
  private stopped = false;
  /** Aborts every request in flight on stop(): one signal for all, not an AbortController per request. */
  private readonly abandon = withoutListenerLimit(new AbortController());
  private inFlight = 0;
  private paused = false;
  private intervalMs: number;

  constructor(
    jobs: readonly PollJob[],
    private readonly store: MonitorStore,
    private readonly options: PollerOptions,
  ) {
    this.intervalMs = options.intervalMs;
    this.budget = new RateBudget(options.rate, options.clock);
    this.governor = new RateGovernor(options.rate, this.budget);
    this.random = options.random ?? Math.random;
    this.states = jobs.map((job) => newInstanceState(job, this.options.clock.monotonic()));
    for (const state of this.states) this.idle.push(state);
  }

  /** Rediscovery changed the fleet: new instances are asked at once, deleted ones no more. */
  setJobs(jobs: readonly PollJob[]): void {
    const known = new Map(this.states.map((state) => [state.key, state]));
    const next = jobs.map(
      (job) => known.get(jobKey(job)) ?? newInstanceState(job, this.options.clock.monotonic()),
    );
    const kept = new Set(next);
    for (const state of this.states) if (!kept.has(state)) state.removed = true;
    for (const state of next) if (!known.has(state.key)) this.idle.push(state);
    this.states = next;
    this.gates.watch(this.states);
    this.pump();
  }

  /** The full picture, for tests and diagnostics; the screen gets only what it shows. */
  get status(): Omit<PollerStatus, 'discovery'> & { inFlight: number; halvings: number } {
    return {
      paused: this.paused,
      intervalMs: this.intervalMs,
      configuredRate: this.options.rate,
      effectiveRate: this.governor.effectiveRate,
      throttledUntil: this.governor.throttledUntil,
      credentials: this.gates.problems,
      inFlight: this.inFlight,
      halvings: this.governor.halvings,
    };
  }

  start(): void {
    this.gates.watch(this.states, this.options.gates);
    this.gates.refresh();
    this.publishStatus();
    this.pump();
  }

  /** A part of the request budget (the drill-down's): it never takes more than `fraction` of it. */
  budgetShare = (part: number) => new BudgetShare(this.budget, this.governor, this.options.clock, part);

  /** Stops scheduling and abandons requests in flight. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.gates.stop();
    this.abandon.abort(new Error('polling stopped'));
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.publishStatus();
    if (paused) this.clearTimer();
    else this.pump();
  }

  /** Every instance as soon as the budget allows; refused credentials keep resting (an AK locks). */
  refreshNow(): void {
    const now = this.options.clock.monotonic();
    this.reschedule(() => now);
  }

  /** A new interval applies at once to healthy instances; those backing off after errors keep waiting. */
  setIntervalMs(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.publishStatus();
    this.reschedule((state) =>
      state.failures === 0
        ? Math.min(state.dueAt, (state.lastStartedAt ?? state.dueAt) + intervalMs)
        : state.dueAt,
    );
  }

  private reschedule(dueAt: (state: InstanceState) => number): void {
    const waiting = [...this.idle.drain().filter((state) => !state.removed), ...this.held.release()];
    for (const state of waiting) {
      state.dueAt = dueAt(state);
      this.idle.push(state);
    }
    this.pump();
  }

  /** Only what the screen shows: publishing per request would re-render the screen per request. */
  private publishStatus(): void {
    // Discovery problems are the rediscovery's to publish, not the poller's.
    const { inFlight: _inFlight, halvings: _halvings, ...shown } = this.status;
    this.store.setStatus(shown);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.timers.clear(this.timer);
    this.timer = null;
  }

  /**
   * A probe landed, a set was refused or a token file changed: held instances get another look, a
   * doubt gets its probe, and the header its news. Batched: one gate change can come with many.
   */
  private onGateChange(): void {
    if (this.gates.refresh()) this.publishStatus();
    this.askProbes();
    this.unhold();
    this.pump();
  }

  private unhold(): void {
    const now = this.options.clock.monotonic();
    for (const state of this.held.release())
      this.idle.push(Object.assign(state, { dueAt: Math.max(state.dueAt, now) }));
  }

  /** After a 401 raised doubt, the instance that can settle it is asked now, not at its turn. */
  private askProbes(): void {
    const wanted = probeTargets(this.states);
    if (wanted.size === 0) return;
    const now = this.options.clock.monotonic();
    this.reschedule((state) => (wanted.has(state) ? now : state.dueAt));
  }

  /** Sends whatever is due and allowed now, then sleeps until the next thing can happen. */
  private pump(): void {
    this.clearTimer();
    if (this.stopped || this.paused) return;
    const now = this.options.clock.monotonic();
    if (this.governor.release(now)) this.publishStatus();
    if (now >= this.held.until) {
      this.unhold();
      if (this.gates.refresh()) this.publishStatus();
    }
    let wakeAt = this.held.until;
    while (this.inFlight < this.options.concurrency) {
      const next = this.idle.peek();
      if (!next) break;
      if (next.removed && this.idle.pop()) continue;
      if (next.dueAt > now) {
        wakeAt = Math.min(wakeAt, next.dueAt);
        break;
      }
      const admission = next.job.client.admission?.(next.job.instanceId) ?? { go: true };
      if (!admission.go) {
        this.idle.pop();
        this.held.hold(next, admission.reason === 'resting' ? admission.until : undefined);
        wakeAt = Math.min(wakeAt, this.held.until);
        continue;
      }
      const throttledUntil = this.governor.throttledUntil;
      if (throttledUntil !== null) {
        wakeAt = Math.min(wakeAt, throttledUntil);
        break;
      }
      if (!this.budget.tryTake()) {
        wakeAt = Math.min(wakeAt, now + Math.max(1, this.budget.waitMs()));
        break;
      }
      this.idle.pop();
      this.dispatch(next, now);
    }
    if (Number.isFinite(wakeAt) && this.inFlight < this.options.concurrency) {
      // Waking on a coarse grid sends requests that fall due close together in one go: at a few
      // requests a second, each wake-up costs more than the request it sends.
      const tick = Math.ceil(wakeAt / wakeGridMs) * wakeGridMs;
      this.timer = this.options.timers.set(() => this.pump(), Math.max(0, tick - now));
    }
  }

  private dispatch(state: InstanceState, now: number): void {
    state.inFlight = true;
    state.lastStartedAt = now;
    state.lastDueAt = state.dueAt;
    this.inFlight++;
    state.job.client.sessionOverview(state.job.instanceId, this.abandon.signal).then(
      (overview) => this.settle(state, () => this.onSuccess(state, overview, now)),
      (error: unknown) => this.settle(state, () => this.onFailure(state, toApiError(error), now)),
    );
  }

  private settle(state: InstanceState, record: () => void): void {
    if (this.stopped) return;
    state.inFlight = false;
    this.inFlight--;
    try {
      record();
    } finally {
      // Whatever recording did, the instance stays scheduled.
      if (!state.held && !state.removed) this.idle.push(state);
    }
    // A refusal may have raised doubt once the round in flight landed: its probe goes now.
    if (this.refusalSeen) {
      this.refusalSeen = false;
      this.askProbes();
    }
    this.pump();
  }

  private onSuccess(state: InstanceState, overview: SessionOverview, startedAt: number): void {
    const now = this.options.clock.monotonic();
    this.store.recordSuccess(state.key, overview, now - startedAt);
    state.failures = 0;
    // Counted from when it was due, not when the (grid-aligned, slightly late) timer sent it: the
    // interval must not stretch by a grid step every time. Never closer than an interval less a step.
    state.dueAt = Math.max(
      (state.lastDueAt ?? startedAt) + this.intervalMs,
      startedAt + this.intervalMs - wakeGridMs,
    );
    if (this.governor.recover(now)) this.publishStatus();
  }

  private onFailure(state: InstanceState, error: ApiError, startedAt: number): void {
    const now = this.options.clock.monotonic();
    if (error instanceof CredentialsResting) {
      // Never sent (the set was refused while this one waited its turn): not a failure of its own.
      this.held.hold(state, error.until);
      return;
    }
    if (error.status === 429) {
      this.governor.throttle(now, error.retryAfterMs);
      state.dueAt = this.governor.throttledUntil ?? now;
      this.publishStatus();
      return;
    }
    this.store.recordFailure(state.key, error, now - startedAt);
    state.failures++;
    if (isCredentialRefusal(error)) {
      this.onRefusal(state, error);
      return;
    }
    state.dueAt = now + backoffMs(state.failures, this.intervalMs, this.random());
  }

  /** A 401: the instance waits for the verdict or rests; a refused scope shows on all its rows. */
  private onRefusal(state: InstanceState, error: ApiError): void {
    this.refusalSeen = true;
    const verdict = refusalVerdict(state, this.states);
    if (verdict === null) return;
    for (const other of verdict.alsoRefused) this.store.recordFailure(other.key, error, null);
    this.held.hold(state, verdict.until);
  }
}
