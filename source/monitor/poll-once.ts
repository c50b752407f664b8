import type { Clock } from '../clock.js';
import { type ApiError, toApiError } from '../cloud/api-error.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import { CredentialGate } from './credential-gate.js';
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

function isRefused(error: ApiError): boolean {
  return error.status === 401 && !error.retryable;
}

/** A wait that does not keep the process alive by itself (the request it races with does). */
const patience = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Asks every instance once, within the concurrency cap and the request-rate budget. Results keep
 * the order of the jobs; one slow instance only occupies one worker. Credentials are probed as the
 * live poller does (one request at a time until accepted, another after the probe patience):
 * refused credentials are reported for all their instances, not sent again and again (an AK locks
 * after five bad signatures).
 */
export async function pollOnce(jobs: readonly PollJob[], options: PollOptions): Promise<PollResult[]> {
  const sleep = options.sleep ?? realSleep;
  const budget = new RateBudget(options.rate, options.clock);
  const gate = new CredentialGate();
  const results: PollResult[] = new Array(jobs.length);
  const refused = new Map<object, ApiError>();
  const probes = new Map<object, Promise<unknown>>();

  /** Waits until this scope may send; false when its credentials were refused. */
  const admitted = async (scope: object): Promise<boolean> => {
    for (;;) {
      if (refused.has(scope)) return false;
      const verdict = gate.check(scope, options.clock.monotonic());
      if (verdict.go) return true;
      const wait = Math.max(1, verdict.until - options.clock.monotonic());
      await Promise.race([probes.get(scope), patience(wait)]);
    }
  };

  const ask = async (index: number) => {
    const job = jobs[index] as PollJob;
    const scope = authScopeOf(job);
    for (;;) {
      if (!(await admitted(scope))) {
        results[index] = { job, overview: null, error: refused.get(scope) as ApiError, latencyMs: 0 };
        return;
      }
      while (!budget.tryTake()) await sleep(budget.waitMs());
      // Another worker may have started a probe of this scope while this one waited for the budget.
      if (gate.check(scope, options.clock.monotonic()).go) break;
    }
    const started = options.clock.monotonic();
    gate.started(scope, started);
    const attempt = job.client.sessionOverview(job.instanceId);
    probes.set(
      scope,
      attempt.catch(() => undefined),
    );
    try {
      const overview = await attempt;
      gate.finished(scope, 'accepted', options.clock.monotonic(), started);
      results[index] = { job, overview, error: null, latencyMs: options.clock.monotonic() - started };
    } catch (error) {
      const failure = toApiError(error);
      const outcome = isRefused(failure)
        ? 'refused'
        : failure.status === null || failure.status >= 500
          ? 'other'
          : 'accepted';
      gate.finished(scope, outcome, options.clock.monotonic(), started);
      if (outcome === 'refused') refused.set(scope, failure);
      results[index] = {
        job,
        overview: null,
        error: failure,
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
