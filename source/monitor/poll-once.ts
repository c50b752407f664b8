import { type ApiError, toApiError } from '../cloud/api-error.js';
import { restingError } from '../cloud/credential-errors.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import { type Clock, sleep, type Timers } from '../time.js';
import type { OverviewSource, PollJob } from './job.js';
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
  /** What waits for the rate budget to refill. */
  timers: Timers;
}

/**
 * Asks every instance once, within the concurrency cap and the request-rate budget. Results keep
 * the order of the jobs; one slow instance only occupies one worker. The credential gate (in the
 * client) lets one unproven request out at a time: the others wait for it to land, however long it
 * takes, and credentials it refuses are reported for their instances without being sent again.
 */
export async function pollOnce(jobs: readonly PollJob[], options: PollOptions): Promise<PollResult[]> {
  const budget = new RateBudget(options.rate, options.clock);
  const results: PollResult[] = new Array(jobs.length);
  const probing = new Set<OverviewSource>();

  /** After a 401 raised doubt, one request to an instance that already answered decides it. */
  const settleDoubt = (client: OverviewSource) => {
    const instanceId = client.probeWanted?.();
    if (instanceId === undefined || probing.has(client)) return;
    probing.add(client);
    client
      .sessionOverview(instanceId)
      .catch(() => undefined)
      .finally(() => probing.delete(client));
  };

  /** Waits until this instance may be asked and the budget allows it; an error when it must not be. */
  const turn = async (job: PollJob): Promise<ApiError | null> => {
    for (;;) {
      const admission = job.client.admission?.(job.instanceId) ?? { go: true };
      if (admission.go) {
        if (budget.tryTake()) return null;
        await sleep(options.timers, budget.waitMs());
      } else if (admission.reason === 'resting') {
        return restingError(admission, options.clock.monotonic());
      } else {
        settleDoubt(job.client);
        await job.client.gate?.changed();
      }
    }
  };

  const ask = async (index: number) => {
    const job = jobs[index] as PollJob;
    const refused = await turn(job);
    if (refused) {
      results[index] = { job, overview: null, error: refused, latencyMs: 0 };
      return;
    }
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
  };

  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await ask(next++);
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, jobs.length) }, worker));
  return results;
}
