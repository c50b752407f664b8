import { setMaxListeners } from 'node:events';
import type { Clock } from '../clock.js';
import { type ApiError, toApiError } from '../cloud/api-error.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import { CredentialGate } from './credential-gate.js';
import { authScopeOf, jobKey, type PollJob } from './job.js';
import { MinHeap } from './min-heap.js';
import { RateBudget } from './rate-budget.js';
import type { CredentialStatus, MonitorStore, PollerStatus } from './store.js';
import type { Timers } from './timers.js';

export interface PollerOptions {
  clock: Clock;
  timers: Timers;
  intervalMs: number;
  rate: number;
  concurrency: number;
  /** Random numbers in [0, 1) for backoff jitter; injectable for tests. */
  random?: () => number;
}

interface InstanceState {
  key: string;
  job: PollJob;
  scope: object;
  dueAt: number;
  lastStartedAt: number | null;
  /** When the request in flight (or the last one) was due; the next one is due an interval later. */
  lastDueAt: number | null;
  failures: number;
  inFlight: boolean;
}

/**
 * Backoff after errors doubles up to this many intervals. Small on purpose: during an incident an
 * instance must come back on screen soon after it recovers, and the global rate budget already keeps
 * a failing fleet from hammering the API.
 */
const maxBackoffIntervals = 2;
/** After a 429, the rate climbs back by this factor per second of success. */
const recoveryFactor = 1.25;
const recoveryQuietMs = 5_000;
/** The poller wakes on multiples of this many milliseconds. */
const wakeGridMs = 250;

/** Refused credentials: a 401 that re-authentication could not fix. */
function isRefused(error: ApiError): boolean {
  return error.status === 401 && !error.retryable;
}

/**
 * One scheduler for every instance: each is asked once per interval, at most once at a time, within a
 * global concurrency cap and request-rate budget. Errors back off per instance; 429s slow everyone;
 * unproven or refused credentials are probed one request at a time.
 */
/**
 * Every request in flight listens on the one signal. Node.js 22 warns on stderr (over the screen)
 * past ten listeners per signal; a warning about a leak that is not one.
 */
function withoutListenerLimit(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

export class Poller {
  private readonly states: InstanceState[];
  private readonly idle = new MinHeap<InstanceState>((state) => state.dueAt);
  /** Due instances waiting for their credentials' probe to land. */
  private readonly parked = new Map<object, InstanceState[]>();
  private readonly gate = new CredentialGate();
  private readonly budget: RateBudget;
  private readonly random: () => number;
  private timer: unknown = null;
  private stopped = false;
  /** Aborts every request in flight on stop(): one signal for all, not an AbortController per request. */
  private readonly abandon = withoutListenerLimit(new AbortController());
  private inFlight = 0;
  private paused = false;
  private intervalMs: number;
  private effectiveRate: number;
  private throttledUntil: number | null = null;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  private lastRaiseAt = Number.NEGATIVE_INFINITY;
  private credentialProblems: readonly CredentialStatus[] = [];

  constructor(
    jobs: readonly PollJob[],
    private readonly store: MonitorStore,
    private readonly options: PollerOptions,
  ) {
    this.intervalMs = options.intervalMs;
    this.effectiveRate = options.rate;
    this.budget = new RateBudget(options.rate, options.clock);
    this.random = options.random ?? Math.random;
    const now = options.clock.monotonic();
    this.states = jobs.map((job) => ({
      key: jobKey(job),
      job,
      scope: authScopeOf(job),
      dueAt: now,
      lastStartedAt: null,
      lastDueAt: null,
      failures: 0,
      inFlight: false,
    }));
    for (const state of this.states) this.idle.push(state);
  }

  /** The full picture, for tests and diagnostics; the screen gets only what it shows. */
  get status(): PollerStatus & { inFlight: number } {
    return {
      paused: this.paused,
      intervalMs: this.intervalMs,
      configuredRate: this.options.rate,
      effectiveRate: this.effectiveRate,
      throttledUntil: this.throttledUntil,
      credentials: this.credentialProblems,
      discovery: [],
      inFlight: this.inFlight,
    };
  }

  start(): void {
    this.publishStatus();
    this.pump();
  }

  /** Stops scheduling and abandons requests in flight. */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.abandon.abort(new Error('polling stopped'));
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.publishStatus();
    if (paused) this.clearTimer();
    else this.pump();
  }

  /**
   * Every instance as soon as the budget allows. Refused credentials are tried again too, but with
   * one probe first, so pressing r cannot lock an AK.
   */
  refreshNow(): void {
    const now = this.options.clock.monotonic();
    this.gate.wake();
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
    const waiting = [...this.idle.drain(), ...[...this.parked.values()].flat()];
    this.parked.clear();
    for (const state of waiting) {
      state.dueAt = dueAt(state);
      this.idle.push(state);
    }
    this.pump();
  }

  /** Only what the screen shows: publishing per request would re-render the screen per request. */
  private publishStatus(): void {
    const { inFlight: _inFlight, ...shown } = this.status;
    this.store.setStatus(shown);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.timers.clear(this.timer);
    this.timer = null;
  }

  private park(state: InstanceState): void {
    const list = this.parked.get(state.scope) ?? [];
    list.push(state);
    this.parked.set(state.scope, list);
  }

  /** Instances parked behind a probe go back in line once their scope may send again. */
  private unpark(now: number): void {
    for (const [scope, waiting] of this.parked) {
      if (!this.gate.check(scope, now).go) continue;
      this.parked.delete(scope);
      for (const state of waiting) {
        state.dueAt = Math.max(state.dueAt, now);
        this.idle.push(state);
      }
    }
  }

  /** Sends whatever is due and allowed now, then sleeps until the next thing can happen. */
  private pump(): void {
    this.clearTimer();
    if (this.stopped || this.paused) return;
    const now = this.options.clock.monotonic();
    if (this.throttledUntil !== null && now >= this.throttledUntil) {
      this.throttledUntil = null;
      this.publishStatus();
    }
    this.unpark(now);
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const scope of this.parked.keys()) {
      const verdict = this.gate.check(scope, now);
      if (!verdict.go) wakeAt = Math.min(wakeAt, verdict.until);
    }
    while (this.inFlight < this.options.concurrency) {
      const next = this.idle.peek();
      if (!next) break;
      if (next.dueAt > now) {
        wakeAt = Math.min(wakeAt, next.dueAt);
        break;
      }
      const verdict = this.gate.check(next.scope, now);
      if (!verdict.go) {
        this.idle.pop();
        if (verdict.park) {
          this.park(next);
          wakeAt = Math.min(wakeAt, verdict.until);
        } else {
          next.dueAt = verdict.until;
          this.idle.push(next);
        }
        continue;
      }
      if (this.throttledUntil !== null) {
        wakeAt = Math.min(wakeAt, this.throttledUntil);
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
    this.gate.started(state.scope, now);
    state.job.client.sessionOverview(state.job.instanceId, this.abandon.signal).then(
      (overview) => this.settle(state, () => this.onSuccess(state, overview, now)),
      (error: unknown) => this.settle(state, () => this.onFailure(state, toApiError(error), now)),
    );
  }

  private settle(state: InstanceState, record: () => 'accepted' | 'refused' | 'other'): void {
    if (this.stopped) return;
    state.inFlight = false;
    this.inFlight--;
    const now = this.options.clock.monotonic();
    let outcome: 'accepted' | 'refused' | 'other' = 'other';
    try {
      outcome = record();
    } finally {
      // Whatever recording did, the instance stays scheduled and the gate's count stays right.
      this.gate.finished(state.scope, outcome, now, state.lastStartedAt ?? now);
      this.idle.push(state);
    }
    // The probe landed: instances that waited for it go now (accepted) or rest with it (refused).
    const waiting = this.parked.get(state.scope);
    if (waiting) {
      this.parked.delete(state.scope);
      const until = Math.max(now, this.gate.restUntil(state.scope));
      for (const parked of waiting) {
        parked.dueAt = Math.max(parked.dueAt, until);
        this.idle.push(parked);
      }
    }
    this.pump();
  }

  private onSuccess(state: InstanceState, overview: SessionOverview, startedAt: number): 'accepted' {
    const now = this.options.clock.monotonic();
    this.store.recordSuccess(state.key, overview, now - startedAt);
    state.failures = 0;
    // Counted from when it was due, not when the (grid-aligned, slightly late) timer sent it: the
    // interval must not stretch by a grid step every time. Never closer than an interval less a step.
    state.dueAt = Math.max(
      (state.lastDueAt ?? startedAt) + this.intervalMs,
      startedAt + this.intervalMs - wakeGridMs,
    );
    this.recoverRate(now);
    return 'accepted';
  }

  private onFailure(
    state: InstanceState,
    error: ApiError,
    startedAt: number,
  ): 'accepted' | 'refused' | 'other' {
    const now = this.options.clock.monotonic();
    if (error.status === 429) {
      this.throttle(now, error.retryAfterMs, startedAt);
      state.dueAt = this.throttledUntil ?? now;
      // The gateway answered, so the credentials were not the problem.
      return 'other';
    }
    this.store.recordFailure(state.key, error, now - startedAt);
    state.failures++;
    if (isRefused(error)) {
      // Every instance using these credentials shows why it is not being asked.
      for (const other of this.states) {
        if (other.scope === state.scope && other !== state && !other.inFlight)
          this.store.recordFailure(other.key, error, null);
      }
      state.dueAt = now;
      return 'refused';
    }
    // Even "instance gone" (404) or "status forbids" (403) can change at any moment: same backoff.
    const backoff = this.intervalMs * Math.min(2 ** (state.failures - 1), maxBackoffIntervals);
    // Jitter of ±20% keeps instances that failed together from retrying together.
    state.dueAt = now + backoff * (0.8 + 0.4 * this.random());
    return error.status === null || error.status >= 500 ? 'other' : 'accepted';
  }

  /**
   * Halve the rate (down to a floor) and hold every request until `Retry-After` has passed. Requests
   * sent before the last slow-down belong to the same episode: they extend the hold, not halve again.
   */
  private throttle(now: number, retryAfterMs: number | null, startedAt: number): void {
    if (startedAt > this.lastThrottleAt) {
      const floor = Math.min(this.options.rate, 0.5);
      this.effectiveRate = Math.max(floor, this.effectiveRate / 2);
      this.budget.setRate(this.effectiveRate);
      this.lastThrottleAt = now;
    }
    const holdMs = retryAfterMs ?? Math.max(1000, 1000 / this.effectiveRate);
    this.throttledUntil = Math.max(this.throttledUntil ?? 0, now + holdMs);
    this.publishStatus();
  }

  /** After a quiet spell without 429s, climb back towards the configured rate, at most once a second. */
  private recoverRate(now: number): void {
    if (this.effectiveRate >= this.options.rate) return;
    if (now - this.lastThrottleAt < recoveryQuietMs || now - this.lastRaiseAt < 1000) return;
    this.lastRaiseAt = now;
    this.effectiveRate = Math.min(this.options.rate, this.effectiveRate * recoveryFactor);
    this.budget.setRate(this.effectiveRate);
    this.publishStatus();
  }
}
