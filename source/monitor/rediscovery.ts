import type { Clock, Timers } from '../time.js';
import type { PollJob } from './job.js';
import type { DiscoveryProblem } from './store.js';

/** A listing that failed, as the rediscovery reports it (the message already fit for people). */
export interface ListingFailure {
  target: string;
  message: string;
}

export interface RediscoveryOptions {
  /** Lists every discovering target again; failed targets keep what they listed last. */
  relist: () => Promise<{ jobs: PollJob[]; failures: ListingFailure[] }>;
  onJobs: (jobs: PollJob[]) => void;
  onProblems: (problems: DiscoveryProblem[]) => void;
  clock: Clock;
  timers: Timers;
}

/** New instances appear and deleted ones go within this long. */
export const rediscoverEveryMs = 5 * 60_000;
/** A listing that failed is tried again this soon, doubling up to the regular period. */
export const retryFirstMs = 30_000;

/**
 * Keeps the fleet current in the live screen: lists discovering targets again every few minutes, and
 * sooner while a listing fails (the API briefly unreachable at start-up must not end the monitor).
 */
export class Rediscovery {
  private timer: unknown = null;
  private retryMs = retryFirstMs;
  private stopped = false;

  constructor(private readonly options: RediscoveryOptions) {}

  /** Starts the cycle after the first listing, with its failures. */
  start(failures: readonly ListingFailure[]): void {
    this.report(failures);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.timers.clear(this.timer);
  }

  private report(failures: readonly ListingFailure[]): void {
    if (this.stopped) return;
    const waitMs = failures.length > 0 ? this.retryMs : rediscoverEveryMs;
    this.retryMs = failures.length > 0 ? Math.min(this.retryMs * 2, rediscoverEveryMs) : retryFirstMs;
    const nextTryAt = failures.length > 0 ? this.options.clock.monotonic() + waitMs : null;
    this.options.onProblems(failures.map((failure) => ({ ...failure, nextTryAt })));
    this.timer = this.options.timers.set(() => this.run(), waitMs);
  }

  private run(): void {
    this.timer = null;
    this.options.relist().then(
      ({ jobs, failures }) => {
        if (this.stopped) return;
        this.options.onJobs(jobs);
        this.report(failures);
      },
      (error: unknown) => this.report([{ target: '', message: String(error) }]),
    );
  }
}
