import type { Clock } from '../clock.js';
import { type ApiError, toApiError } from '../cloud/api-error.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import { authScopeOf, type PollJob } from './job.js';
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

/** How long the first request of each credential scope may keep the others waiting. */
const probePatienceMs = 1500;

function isRefused(error: ApiError | null): error is ApiError {
  return error !== null && error.status === 401 && !error.retryable;
}

/**
 * Asks every instance once, within the concurrency cap and the request-rate budget. Results keep
 * the order of the jobs; one slow instance only occupies one worker. Each credential scope is probed
 * with one request first: refused credentials are reported for all its instances, not sent again
 * and again (an AK locks after five bad signatures).
 */
export async function pollOnce(jobs: readonly PollJob[], options: PollOptions): Promise<PollResult[]> {
  const sleep = options.sleep ?? realSleep;
  const budget = new RateBudget(options.rate, options.clock);
  const results: PollResult[] = new Array(jobs.length);
  const refused = new Map<object, ApiError>();

  const ask = async (index: number) => {
    const job = jobs[index] as PollJob;
    const scope = authScopeOf(job);
    while (!budget.tryTake()) await sleep(budget.waitMs());
    const known = refused.get(scope);
    if (known) {
      results[index] = { job, overview: null, error: known, latencyMs: 0 };
      return;
    }
    const started = options.clock.monotonic();
    try {
      const overview = await job.client.sessionOverview(job.instanceId);
      results[index] = { job, overview, error: null, latencyMs: options.clock.monotonic() - started };
    } catch (error) {
      const failure = toApiError(error);
      if (isRefused(failure)) refused.set(scope, failure);
      results[index] = {
        job,
        overview: null,
        error: failure,
        latencyMs: options.clock.monotonic() - started,
      };
    }
  };

  const runAll = async (indices: readonly number[]) => {
    let next = 0;
    const worker = async () => {
      while (next < indices.length) await ask(indices[next++] as number);
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, indices.length) }, worker));
  };

  const probes = new Map<object, number>();
  for (const [index, job] of jobs.entries())
    if (!probes.has(authScopeOf(job))) probes.set(authScopeOf(job), index);
  const probing = runAll([...probes.values()]);
  // A probe that hangs (an unreachable instance) holds the rest back only briefly.
  let patience: NodeJS.Timeout | undefined;
  await Promise.race([probing, new Promise((resolve) => (patience = setTimeout(resolve, probePatienceMs)))]);
  clearTimeout(patience);
  const probed = new Set(probes.values());
  await Promise.all([probing, runAll([...jobs.keys()].filter((index) => !probed.has(index)))]);
  return results;
}
