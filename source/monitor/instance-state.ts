import { setMaxListeners } from 'node:events';
import { jobKey, type PollJob } from './job.js';

/** The poller's record of one instance. */
export interface InstanceState {
  key: string;
  job: PollJob;
  dueAt: number;
  lastStartedAt: number | null;
  /** When the request in flight (or the last one) was due; the next one is due an interval later. */
  lastDueAt: number | null;
  failures: number;
  inFlight: boolean;
  held: boolean;
  /** Gone from the fleet (rediscovery): dropped wherever it is met next. */
  removed: boolean;
}

export function newInstanceState(job: PollJob, now: number): InstanceState {
  return {
    key: jobKey(job),
    job,
    dueAt: now,
    lastStartedAt: null,
    lastDueAt: null,
    failures: 0,
    inFlight: false,
    held: false,
    removed: false,
  };
}

/**
 * Every request in flight listens on the one signal. Node.js 22 warns on stderr (over the screen)
 * past ten listeners per signal; a warning about a leak that is not one.
 */
export function withoutListenerLimit(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}
