import { toApiError } from '../cloud/api-error.js';
import { CredentialsResting, isCredentialRefusal } from '../cloud/credential-errors.js';
import type { Clock } from '../time.js';
import type { PollJob } from './job.js';

/** How a request to the API ended, as `gaussdb_api_requests_total{outcome}` names it. */
export const outcomes = ['ok', 'error', 'throttled', 'refused', 'unreachable'] as const;
export type Outcome = (typeof outcomes)[number];

/** Upper bounds of `gaussdb_api_request_duration_seconds`, in seconds (`+Inf` is added). */
export const durationBuckets = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export function outcomeOf(error: unknown): Outcome {
  const apiError = toApiError(error);
  if (apiError.status === 429) return 'throttled';
  if (isCredentialRefusal(apiError)) return 'refused';
  return apiError.status === null ? 'unreachable' : 'error';
}

/** Counts every overview request the poller sends, by outcome, and how long each took. */
export class RequestStats {
  readonly counts: Record<Outcome, number> = { ok: 0, error: 0, throttled: 0, refused: 0, unreachable: 0 };
  /** Requests at or under each bucket's bound (cumulative, as the exposition format wants them). */
  readonly buckets: number[] = durationBuckets.map(() => 0);
  count = 0;
  sumSeconds = 0;

  constructor(private readonly clock: Clock) {}

  record(outcome: Outcome, seconds: number): void {
    this.counts[outcome]++;
    this.count++;
    this.sumSeconds += seconds;
    for (const [index, bound] of durationBuckets.entries())
      if (seconds <= bound) this.buckets[index] = (this.buckets[index] ?? 0) + 1;
  }

  /**
   * The job with a client that reports every overview request here. The client itself is untouched
   * (the wrapper inherits everything else from it), so the poller cannot tell the difference.
   */
  instrument(job: PollJob): PollJob {
    const client = job.client;
    const counted: typeof client = Object.create(client, {
      sessionOverview: {
        value: async (instanceId: string, signal?: AbortSignal) => {
          const started = this.clock.monotonic();
          const elapsed = () => (this.clock.monotonic() - started) / 1000;
          try {
            const overview = await client.sessionOverview(instanceId, signal);
            this.record('ok', elapsed());
            return overview;
          } catch (error) {
            // Held back by the credential gate: never sent, so not a request.
            if (!(error instanceof CredentialsResting)) this.record(outcomeOf(error), elapsed());
            throw error;
          }
        },
      },
    });
    return { ...job, client: counted };
  }
}
