import type { Clock } from '../clock.js';
import { type ApiError, toApiError } from '../cloud/api-error.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import type { PollJob } from './job.js';
import { RateBudget } from './rate-budget.js';

export interface PollResult {
  job: PollJob;
  overview: SessionOverview | null;
  error: ApiError | null;
  latencyMs: number;
}

export interface PollOptions {
  concurrency: number;
  rate: number;
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Asks every instance once, within the concurrency cap and the request-rate budget. Results keep
 * the order of the jobs; one slow instance only occupies one worker.
 */
export async function pollOnce(jobs: readonly PollJob[], options: PollOptions): Promise<PollResult[]> {
  const sleep = options.sleep ?? realSleep;
  const budget = new RateBudget(options.rate, options.clock);
  const results: PollResult[] = new Array(jobs.length);
  let next = 0;

  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index] as PollJob;
      while (!budget.tryTake()) await sleep(budget.waitMs());
      const started = options.clock.monotonic();
      try {
        const overview = await job.client.sessionOverview(job.instanceId);
        results[index] = { job, overview, error: null, latencyMs: options.clock.monotonic() - started };
      } catch (error) {
        results[index] = {
          job,
          overview: null,
          error: toApiError(error),
          latencyMs: options.clock.monotonic() - started,
        };
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(options.concurrency, jobs.length) }, worker));
  return results;
}
