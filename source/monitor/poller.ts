import type { Clock } from '../clock.js';
import { type ApiError, toApiError } from '../cloud/api-error.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import { jobKey, type OverviewSource, type PollJob } from './job.js';
import { MinHeap } from './min-heap.js';
import { RateBudget } from './rate-budget.js';
import type { MonitorStore, PollerStatus } from './store.js';
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
  dueAt: number;
  lastStartedAt: number | null;
  failures: number;
  inFlight: AbortController | null;
}

/** Backoff after errors never exceeds this (or the interval, if that is longer). */
const maxBackoffMs = 30_000;
/** A request the API refuses as such (404, 403) is asked again this rarely. */
const refusedRetryMs = 60_000;
/** A refused AK/SK signature locks the AK for 5 minutes after 5 failures: stay away that long. */
const authPauseMs = 5 * 60_000;
/** After a 429, the rate climbs back by this factor per second of success. */
const recoveryFactor = 1.25;
const recoveryQuietMs = 5_000;

/**
 * One scheduler for every instance: each is asked once per interval, at most once at a time, within a
 * global concurrency cap and request-rate budget. Errors back off per instance; 429s slow everyone.
 */
export class Poller {
  private readonly states: InstanceState[];
  private readonly idle = new MinHeap<InstanceState>((state) => state.dueAt);
  private readonly budget: RateBudget;
  private readonly random: () => number;
  private timer: unknown = null;
  private stopped = false;
  private inFlight = 0;
  private requestsSent = 0;
  private paused = false;
  private intervalMs: number;
  private effectiveRate: number;
  private throttledUntil: number | null = null;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  private lastRaiseAt = Number.NEGATIVE_INFINITY;
  /** Clients whose credentials were refused, and until when they rest. */
  private readonly authRest = new Map<OverviewSource, number>();

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
      dueAt: now,
      lastStartedAt: null,
      failures: 0,
      inFlight: null,
    }));
    for (const state of this.states) this.idle.push(state);
  }

  get status(): PollerStatus {
    return {
      paused: this.paused,
      intervalMs: this.intervalMs,
      configuredRate: this.options.rate,
      effectiveRate: this.effectiveRate,
      throttledUntil: this.throttledUntil,
      inFlight: this.inFlight,
      requestsSent: this.requestsSent,
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
    for (const state of this.states) state.inFlight?.abort();
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.publishStatus();
    if (paused) this.clearTimer();
    else this.pump();
  }

  /** Every instance as soon as the budget allows; also ends any rest after refused credentials. */
  refreshNow(): void {
    const now = this.options.clock.monotonic();
    this.authRest.clear();
    this.reschedule(() => now);
  }

  setIntervalMs(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.publishStatus();
    this.reschedule((state) => Math.min(state.dueAt, (state.lastStartedAt ?? state.dueAt) + intervalMs));
  }

  private reschedule(dueAt: (state: InstanceState) => number): void {
    for (const state of this.idle.drain()) {
      state.dueAt = dueAt(state);
      this.idle.push(state);
    }
    this.pump();
  }

  private publishStatus(): void {
    this.store.setStatus(this.status);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.timers.clear(this.timer);
    this.timer = null;
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
    let wakeAt: number | null = null;
    while (this.inFlight < this.options.concurrency) {
      const next = this.idle.peek();
      if (!next) break;
      if (next.dueAt > now) {
        wakeAt = next.dueAt;
        break;
      }
      const restUntil = this.authRest.get(next.job.client);
      if (restUntil !== undefined && now < restUntil) {
        this.idle.pop();
        next.dueAt = restUntil;
        this.idle.push(next);
        continue;
      }
      if (this.throttledUntil !== null) {
        wakeAt = this.throttledUntil;
        break;
      }
      if (!this.budget.tryTake()) {
        wakeAt = now + Math.max(1, this.budget.waitMs());
        break;
      }
      this.idle.pop();
      this.dispatch(next, now);
    }
    if (wakeAt !== null && this.inFlight < this.options.concurrency) {
      this.timer = this.options.timers.set(() => this.pump(), Math.max(0, wakeAt - now));
    }
  }

  private dispatch(state: InstanceState, now: number): void {
    const controller = new AbortController();
    state.inFlight = controller;
    state.lastStartedAt = now;
    this.inFlight++;
    this.requestsSent++;
    this.publishStatus();
    state.job.client.sessionOverview(state.job.instanceId, controller.signal).then(
      (overview) => this.settle(state, controller, () => this.onSuccess(state, overview, now)),
      (error: unknown) => this.settle(state, controller, () => this.onFailure(state, error, now)),
    );
  }

  private settle(state: InstanceState, controller: AbortController, record: () => void): void {
    if (this.stopped || controller.signal.aborted) return;
    state.inFlight = null;
    this.inFlight--;
    record();
    this.idle.push(state);
    this.publishStatus();
    this.pump();
  }

  private onSuccess(state: InstanceState, overview: SessionOverview, startedAt: number): void {
    const now = this.options.clock.monotonic();
    this.store.recordSuccess(state.key, overview, now - startedAt);
    state.failures = 0;
    state.dueAt = startedAt + this.intervalMs;
    this.recoverRate(now);
  }

  private onFailure(state: InstanceState, cause: unknown, startedAt: number): void {
    const now = this.options.clock.monotonic();
    const error = toApiError(cause);
    if (error.status === 429) {
      this.throttle(now, error.retryAfterMs);
      state.dueAt = this.throttledUntil ?? now;
      return;
    }
    this.store.recordFailure(state.key, error, now - startedAt);
    state.failures++;
    if (error.status === 401 && !error.retryable) {
      this.restClient(state.job.client, error, now);
      state.dueAt = now + authPauseMs;
      return;
    }
    const backoff = error.retryable
      ? Math.min(this.intervalMs * 2 ** (state.failures - 1), Math.max(maxBackoffMs, this.intervalMs))
      : Math.max(refusedRetryMs, this.intervalMs);
    // Jitter of ±20% keeps instances that failed together from retrying together.
    state.dueAt = now + backoff * (0.8 + 0.4 * this.random());
  }

  /** Credentials refused: every instance of that client shows it and rests, instead of locking the AK. */
  private restClient(client: OverviewSource, error: ApiError, now: number): void {
    this.authRest.set(client, now + authPauseMs);
    for (const other of this.states) {
      if (other.job.client === client && other.inFlight === null)
        this.store.recordFailure(other.key, error, 0);
    }
  }

  /** Halve the rate (down to a floor) and hold every request until `Retry-After` has passed. */
  private throttle(now: number, retryAfterMs: number | null): void {
    const floor = Math.min(this.options.rate, 0.5);
    this.effectiveRate = Math.max(floor, this.effectiveRate / 2);
    this.budget.setRate(this.effectiveRate);
    this.lastThrottleAt = now;
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
  }
}
