import assert from 'node:assert/strict';
import { getMaxListeners } from 'node:events';
import { test } from 'node:test';
import { ApiError } from '../../source/cloud/api-error.js';
import type { SessionOverview } from '../../source/cloud/session-overview.js';
import { identityOf, jobKey, type PollJob } from '../../source/monitor/job.js';
import { Poller } from '../../source/monitor/poller.js';
import { refusedError } from '../helpers/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers, flushPromises } from '../helpers/fake-timers.js';
import { type Behaviour, gatedSource } from '../helpers/gated-source.js';
import { testStore } from '../helpers/store.js';

const overview: SessionOverview = { total: 10, active: 2, slowSql: 0, lock: 0 };

/** A client whose answers the test decides, behind the real credential gate. */
function fakeClient(clock: FakeClock, behaviour: Behaviour = async () => overview, projectId = 'p') {
  return gatedSource(clock, behaviour, { projectId, endpoint: `https://${projectId}.fake` });
}

function setup(
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

const throttled = (retryAfterMs: number | null) =>
  new ApiError({
    status: 429,
    code: 'APIGW.0308',
    message: 'throttled',
    requestId: null,
    retryable: true,
    retryAfterMs,
  });
const serverError = () =>
  new ApiError({
    status: 500,
    code: 'X',
    message: 'boom',
    requestId: 'r1',
    retryable: true,
    retryAfterMs: null,
  });

test('every instance is asked once per interval', async () => {
  const { timers, poller, sent, store } = setup(3);
  poller.start();
  await timers.advance(0);
  assert.equal(sent.length, 3);
  await timers.advance(4999);
  assert.equal(sent.length, 3);
  await timers.advance(1);
  assert.equal(sent.length, 6);
  store.flush();
  assert.ok(store.getSnapshot().instances.every((view) => view.successes === 2));
  poller.stop();
});

test('at most one request per instance and never more than the concurrency cap in flight', async () => {
  const pending: (() => void)[] = [];
  const { timers, poller, sent } = setup(
    10,
    () => new Promise((resolve) => pending.push(() => resolve(overview))),
    {
      concurrency: 4,
      intervalMs: 60_000,
    },
  );
  poller.start();
  await timers.advance(0);
  assert.equal(sent.length, 1, 'credentials not yet proven: one probe');
  pending.shift()?.();
  await timers.advance(0);
  assert.equal(sent.length, 5, 'the probe answered: the cap of four is used at once');
  assert.equal(poller.status.inFlight, 4);
  await timers.advance(10_000);
  assert.equal(sent.length, 5, 'nothing repeated while unanswered, nothing beyond the cap');
  pending.shift()?.();
  await flushPromises();
  assert.equal(sent.length, 6, 'a free slot is used at once');
  assert.equal(new Set(sent.map((request) => request.instanceId)).size, 6);
  poller.stop();
});

test('stop abandons every request in flight, sixty-four of them, through one signal without a listener limit', async () => {
  // One signal for every request, not a controller each; Node.js 22 warns past ten listeners on one
  // signal unless its limit is lifted (Node.js 24 no longer limits AbortSignal at all).
  const abandoned: unknown[] = [];
  const signals = new Set<AbortSignal | undefined>();
  const { timers, poller, sent } = setup(
    100,
    (_id, signal) =>
      new Promise((resolve, reject) => {
        if (sent.length === 1) return resolve(overview); // the probe
        signals.add(signal);
        signal?.addEventListener('abort', () => {
          abandoned.push(signal.reason);
          reject(signal.reason);
        });
      }),
    { concurrency: 64, intervalMs: 60_000 },
  );
  poller.start();
  await timers.advance(0);
  await flushPromises();
  assert.equal(poller.status.inFlight, 64);
  assert.equal(signals.size, 1, 'every request carries the same signal');
  const [shared] = signals;
  assert.ok(shared);
  assert.equal(getMaxListeners(shared), 0, 'its listener limit is lifted');
  poller.stop();
  await flushPromises();
  assert.equal(abandoned.length, 64);
});

test('the request-rate budget paces requests', async () => {
  const { timers, poller, sent } = setup(20, undefined, { rate: 5 });
  poller.start();
  await timers.advance(0);
  assert.equal(sent.length, 5, 'a burst of one second worth');
  await timers.advance(1000);
  assert.equal(sent.length, 10);
  await timers.advance(2000);
  assert.equal(sent.length, 20);
  poller.stop();
});

test('an unreachable instance does not delay the others once the credentials are proven', async () => {
  const clock = new FakeClock(0);
  const timeout = () =>
    new Promise<never>((_, reject) => {
      const timers = hangTimers;
      timers?.set(() => reject(serverError()), 2000);
    });
  let hangTimers: FakeTimers | undefined;
  const { timers, poller, sent } = setup(3, (id) => (id === 'i0' ? timeout() : Promise.resolve(overview)), {
    intervalMs: 1000,
    clock,
  });
  hangTimers = timers;
  poller.start();
  await timers.advance(2000);
  // The first probe (i0) hangs until its deadline: no second unproven request leaves meanwhile.
  assert.deepEqual(
    sent.filter((request) => request.at < 2000).map((request) => request.instanceId),
    ['i0'],
  );
  await timers.advance(10_000);
  const others = sent.filter((request) => request.instanceId !== 'i0');
  assert.ok(others.length >= 20, `i1 and i2 kept their 1 s pace while i0 hangs: ${others.length}`);
  poller.stop();
});

test('errors back off per instance, with a cap, and recovery resets it', async () => {
  let failing = true;
  const { timers, poller, sent, store } = setup(2, async (id) => {
    if (id === 'i0' && failing) throw serverError();
    return overview;
  });
  poller.start();
  await timers.advance(70_000);
  const times = sent.filter((request) => request.instanceId === 'i0').map((request) => request.at);
  const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
  assert.deepEqual(gaps.slice(0, 4), [5000, 10_000, 10_000, 10_000], 'doubling, capped at two intervals');
  assert.equal(
    sent.filter((request) => request.instanceId === 'i1').length,
    15,
    'the healthy one kept its pace',
  );
  store.flush();
  const failed = store.getSnapshot().instances[0];
  assert.equal(failed?.level, 'error');
  assert.equal(failed?.error?.code, 'X');
  assert.equal(failed?.error?.requestId, 'r1');
  failing = false;
  await timers.advance(30_000);
  store.flush();
  assert.equal(store.getSnapshot().instances[0]?.error, null, 'recovered once the fault cleared');
  poller.stop();
});

test('429: the rate halves, Retry-After holds every request, then the rate climbs back', async () => {
  let throttle = true;
  const { timers, poller, sent } = setup(
    10,
    async () => {
      if (throttle) {
        throttle = false;
        throw throttled(3000);
      }
      return overview;
    },
    { rate: 8, intervalMs: 1000 },
  );
  poller.start();
  await timers.advance(0);
  assert.equal(poller.status.effectiveRate, 4);
  assert.ok(poller.status.throttledUntil !== null);
  const before = sent.length;
  await timers.advance(2999);
  assert.equal(sent.length, before, 'nothing sent during Retry-After');
  await timers.advance(1);
  assert.ok(sent.length > before);
  assert.equal(poller.status.throttledUntil, null);
  await timers.advance(30_000);
  assert.equal(poller.status.effectiveRate, 8, 'back to the configured rate after sustained success');
  poller.stop();
});

test('429 without Retry-After: holds back, halves at most once per 30 s, never above the budget', async () => {
  const { timers, poller, sent } = setup(
    50,
    async () => {
      throw throttled(null);
    },
    { rate: 4, intervalMs: 1000 },
  );
  poller.start();
  await timers.advance(45_000);
  assert.equal(poller.status.halvings, 2, 'continuous 429s for 45 s: halved at 0 s and at 30 s');
  assert.equal(poller.status.effectiveRate, 1);
  assert.ok(sent.length < 4 + 45 * 2, `at most the budget: ${sent.length}`);
  await timers.advance(60_000);
  assert.equal(poller.status.effectiveRate, 0.5, 'the floor');
  poller.stop();
});

test('pause: nothing new leaves; resume carries on', async () => {
  const { timers, poller, sent, store } = setup(2);
  poller.start();
  await timers.advance(0);
  poller.setPaused(true);
  await timers.advance(60_000);
  assert.equal(sent.length, 2);
  store.flush();
  assert.equal(store.getSnapshot().status.paused, true);
  poller.setPaused(false);
  await timers.advance(0);
  assert.equal(sent.length, 4, 'overdue instances are asked at once');
  poller.stop();
});

test('refresh now asks every instance at once; interval changes apply', async () => {
  const { timers, poller, sent } = setup(3);
  poller.start();
  await timers.advance(1000);
  poller.refreshNow();
  await timers.advance(0);
  assert.equal(sent.length, 6);
  poller.setIntervalMs(2000);
  await timers.advance(2000);
  assert.equal(sent.length, 9, 'the shorter interval is used right away');
  poller.stop();
});

test('refused credentials: one probe, every instance shows it, r sends nothing, a rest, one probe again', async () => {
  const refused = refusedError();
  const { timers, poller, sent, store } = setup(
    20,
    async () => {
      throw refused;
    },
    { intervalMs: 1000 },
  );
  poller.start();
  await timers.advance(60_000);
  assert.equal(
    sent.length,
    2,
    "two refusals (a first might be that instance's own), not a concurrency worth",
  );
  store.flush();
  assert.ok(store.getSnapshot().instances.every((view) => view.error?.code === 'CREDENTIALS_REFUSED'));
  const [problem] = store.getSnapshot().status.credentials;
  assert.equal(problem?.state, 'refused');
  assert.equal(problem?.nextTryAt, 5 * 60_000 + (sent[1]?.at ?? 0));
  for (let press = 0; press < 6; press++) {
    poller.refreshNow();
    await timers.advance(1000);
  }
  assert.equal(sent.length, 2, 'r while resting sends nothing and does not restart the rest');
  await timers.advance(5 * 60_000 - 66_000);
  assert.equal(sent.length, 3, 'after the rest: one probe, not a burst');
  await timers.advance(60_000);
  assert.equal(sent.length, 3, 'refused again: judged, it rests at once');
  poller.stop();
});

test('refused credentials rest only the clients that share them', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  const refused = refusedError();
  const bad = fakeClient(
    clock,
    async () => {
      throw refused;
    },
    'bad',
  );
  const good = fakeClient(clock, async () => overview, 'good');
  const jobs: PollJob[] = [
    ...['a', 'b'].map((id) => ({ client: bad.client, instanceId: id, name: id })),
    ...['c', 'd'].map((id) => ({ client: good.client, instanceId: id, name: id })),
  ];
  const store = testStore(jobs.map(identityOf), clock, timers, 1000);
  const poller = new Poller(jobs, store, {
    clock,
    timers,
    intervalMs: 1000,
    rate: 100,
    concurrency: 8,
    random: () => 0.5,
  });
  poller.start();
  await timers.advance(10_000);
  assert.equal(bad.sent.length, 2);
  assert.ok(bad.client.authScope !== good.client.authScope);
  assert.ok(good.sent.length >= 20, `the other credentials kept polling: ${good.sent.length}`);
  poller.stop();
});

test('a burst of 429s is one slow-down, not one per response', async () => {
  let throttling = true;
  const pending: ((fail: boolean) => void)[] = [];
  const { timers, poller } = setup(
    10,
    () =>
      new Promise((resolve, reject) =>
        pending.push((fail) => (fail ? reject(throttled(2000)) : resolve(overview))),
      ),
    { rate: 16, intervalMs: 1000 },
  );
  poller.start();
  await timers.advance(0);
  pending.shift()?.(false); // the probe proves the credentials
  await timers.advance(0);
  assert.equal(pending.length, 9);
  for (const answer of pending.splice(0)) answer(throttling);
  throttling = false;
  await flushPromises();
  assert.equal(poller.status.effectiveRate, 8, 'halved once for the whole burst');
  poller.stop();
});

test('a shorter interval does not cut short the backoff of failing instances', async () => {
  const { timers, poller, sent } = setup(
    2,
    async (id) => {
      if (id === 'i0')
        throw new ApiError({
          status: 404,
          code: 'DBS.200002',
          message: 'gone',
          requestId: null,
          retryable: false,
          retryAfterMs: null,
        });
      return overview;
    },
    { intervalMs: 10_000 },
  );
  poller.start();
  await timers.advance(100);
  poller.setIntervalMs(1000);
  await timers.advance(9000);
  assert.equal(
    sent.filter((request) => request.instanceId === 'i0').length,
    1,
    'the failing instance keeps its 10 s backoff',
  );
  assert.ok(sent.filter((request) => request.instanceId === 'i1').length >= 9);
  poller.stop();
});

test('results of a burst reach subscribers as one notification', async () => {
  const { timers, poller, store } = setup(50);
  let notifications = 0;
  poller.start();
  store.subscribe(() => notifications++);
  await timers.advance(1000);
  assert.equal(notifications, 1);
  assert.equal(store.getSnapshot().instances.filter((view) => view.latest).length, 50);
  poller.stop();
});

test('history is bounded and snapshots are immutable', async () => {
  const { timers, poller, store, jobs } = setup(1, undefined, { intervalMs: 1000 });
  poller.start();
  const first = store.getSnapshot();
  await timers.advance(200_000);
  const key = jobKey(jobs[0] as PollJob);
  assert.equal(store.history(key).length, 120);
  assert.equal(first.instances[0]?.latest, null, 'an old snapshot never changes');
  assert.equal(store.getSnapshot().instances[0]?.trend.length, 12);
  poller.stop();
});

test('a jump of the system clock changes neither pace nor ages', async () => {
  const { timers, poller, sent, store, clock } = setup(2, undefined, { intervalMs: 1000 });
  poller.start();
  await timers.advance(3000);
  const before = sent.length;
  clock.jumpWall(-3_600_000);
  await timers.advance(3000);
  clock.jumpWall(7_200_000);
  await timers.advance(3000);
  assert.equal(sent.length - before, 12, 'two instances, one request a second each, jumps or not');
  store.flush();
  const latest = store.getSnapshot().instances[0]?.latest;
  assert.ok(latest && clock.monotonic() - latest.at <= 1000, 'ages come from monotonic time');
  poller.stop();
});

test('late timers and the wake grid do not stretch the interval', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock, 3);
  const { client, sent } = fakeClient(clock);
  const jobs: PollJob[] = [{ client, instanceId: 'only', name: 'only' }];
  const store = testStore(jobs.map(identityOf), clock, timers);
  const poller = new Poller(jobs, store, {
    clock,
    timers,
    intervalMs: 1000,
    rate: 100,
    concurrency: 4,
    random: () => 0.5,
  });
  poller.start();
  await timers.advance(60_000);
  assert.ok(sent.length >= 59, `about one request a second, got ${sent.length} in 60 s`);
  poller.stop();
});

test('a token refused for a few seconds: rows keep values and level, and all recover 30 s later, not 5 min', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  let refusing = false;
  let refusals = 0;
  const { client } = gatedSource(
    clock,
    async (id) => {
      if (refusing) {
        refusals++;
        throw refusedError();
      }
      return id === 'i0' ? { ...overview, lock: 50 } : overview;
    },
    { set: { id: 'token#test', kind: 'token', advice: 'TOKEN_FIXED' } },
  );
  const jobs: PollJob[] = Array.from({ length: 10 }, (_, index) => ({
    client,
    instanceId: `i${index}`,
    name: `n${index}`,
  }));
  const store = testStore(jobs.map(identityOf), clock, timers, 1000);
  const poller = new Poller(jobs, store, { clock, timers, intervalMs: 1000, rate: 1000, concurrency: 16 });
  poller.start();
  await timers.advance(3000);
  refusing = true;
  await timers.advance(3000);
  refusing = false;
  store.flush();
  const during = store.getSnapshot();
  // The round already in flight (all ten, sent together while the token was proven) can fail; after
  // that one probe decides and nothing else is sent: three rounds would have been 30 refusals.
  assert.ok(refusals <= 10 + 1, `the round in flight and one probe: ${refusals}`);
  assert.equal(during.status.credentials[0]?.state, 'refused');
  const crit = during.instances.find((view) => view.instanceId === 'i0');
  assert.equal(crit?.dataLevel, 'crit', 'the CRIT instance still knows it is CRIT');
  assert.equal(crit?.latest?.overview.lock, 50, 'and keeps its last values');
  await timers.advance(30_000);
  store.flush();
  const after = store.getSnapshot();
  assert.ok(
    after.instances.every((view) => view.error === null),
    'all rows answer again within the token rest, not after five minutes',
  );
  assert.deepEqual(after.status.credentials, []);
  poller.stop();
});
