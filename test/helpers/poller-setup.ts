import type { SessionOverview } from '../../source/cloud/session-overview.js';
import { identityOf, type PollJob } from '../../source/monitor/job.js';
import { Poller } from '../../source/monitor/poller.js';
import { apiError } from './errors.js';
import { FakeClock } from './fake-clock.js';
import { FakeTimers } from './fake-timers.js';
import { type Behaviour, gatedSource } from './gated-source.js';
import { testStore } from './store.js';

export const overview: SessionOverview = { total: 10, active: 2, slowSql: 0, lock: 0 };

/** A client whose answers the test decides, behind the real credential gate. */
export function fakeClient(clock: FakeClock, behaviour: Behaviour = async () => overview, projectId = 'p') {
  return gatedSource(clock, behaviour, { projectId, endpoint: `https://${projectId}.fake` });
}

/** A poller of `count` instances on fake time, all through one fake client. */
export function pollerSetup(
  count: number,
  behaviour?: Behaviour,
  options: { rate?: number; concurrency?: number; intervalMs?: number; clock?: FakeClock } = {},
) {
  const clock = options.clock ?? new FakeClock(0);
  const timers = new FakeTimers(clock);
  const { client, sent } = fakeClient(clock, behaviour);
  const jobs: PollJob[] = Array.from({ length: count }, (_, index) => ({
    client,
    instanceId: `i${index}`,
    name: `n${index}`,
  }));
  const store = testStore(jobs.map(identityOf), clock, timers);
  const poller = new Poller(jobs, store, {
    clock,
    timers,
    intervalMs: options.intervalMs ?? 5000,
    rate: options.rate ?? 1000,
    concurrency: options.concurrency ?? 16,
    random: () => 0.5,
  });
  return { clock, timers, store, poller, sent, jobs };
}

export const throttled = (retryAfterMs: number | null) =>
  apiError({ status: 429, code: 'APIGW.0308', message: 'throttled', retryable: true, retryAfterMs });
export const serverError = () => apiError({ requestId: 'r1', retryable: true });
