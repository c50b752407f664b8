import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../source/cloud/api-error.js';
import type { RequestShare } from '../../source/monitor/budget-share.js';
import { DrillPoller } from '../../source/monitor/drill-poller.js';
import { jobKey, type PollJob } from '../../source/monitor/job.js';
import { createMonitor } from '../../source/monitor/monitor.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { countingCalls, setup } from '../helpers/drill-fixture.js';
import { apiError } from '../helpers/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { gatedSource } from '../helpers/gated-source.js';

// The drill-down's poller, on a fake clock, against an API that counts what it is asked, per call.

test('nothing is asked before the page opens; then nodes once, then only the visible tab, at the interval', async () => {
  const { timers, api, monitor, key } = setup();
  await timers.advance(60_000);
  assert.deepEqual(api.counts, {}, 'no drill-down request while the page is closed');
  const drill = monitor.openDrill(key);
  await timers.advance(0);
  assert.deepEqual(api.counts, { nodes: 1, sessions: 1 });
  assert.deepEqual(api.sessionNodes, ['n-primary'], 'the primary, not the first node listed');
  await timers.advance(20_000);
  assert.deepEqual(api.counts, { nodes: 1, sessions: 5 }, 'every 5 s, and nothing else');
  drill.setTab('blocking');
  await timers.advance(5_000);
  assert.deepEqual(api.counts, { nodes: 1, sessions: 6 }, 'Blocking shares the sessions call');
  drill.setTab('statistics');
  await timers.advance(0);
  assert.equal(
    Object.values(api.counts).reduce((sum, count) => sum + count, 0),
    10,
    'one request per dimension',
  );
  await timers.advance(10_000);
  assert.deepEqual(api.counts, { nodes: 1, sessions: 6, statistics: 9 }, 'sessions stop while hidden');
  drill.setTab('waits');
  await timers.advance(0);
  assert.deepEqual(api.counts, { nodes: 1, sessions: 6, statistics: 9, waits: 1 });
  const snapshot = drill.getSnapshot();
  assert.equal(snapshot.nodeIndex, 1);
  assert.equal(snapshot.sessions.data?.sessions.length, 2);
  assert.deepEqual(snapshot.statistics.data?.usename, [{ name: 'app', active_num: 1, total_num: 2 }]);
  drill.close();
  await timers.advance(60_000);
  assert.deepEqual(api.counts, { nodes: 1, sessions: 6, statistics: 9, waits: 1 }, 'nothing after close');
  drill.setTab('topSql');
  drill.refreshNow();
  await timers.advance(10_000);
  assert.deepEqual(
    api.counts,
    { nodes: 1, sessions: 6, statistics: 9, waits: 1 },
    'a closed page stays closed',
  );
  monitor.stop();
});

test('the page follows the grid pause: nothing while paused, again once resumed', async () => {
  const { timers, api, monitor, key } = setup();
  const drill = monitor.openDrill(key);
  await timers.advance(0);
  monitor.commands.togglePause();
  await timers.advance(1000);
  assert.equal(drill.getSnapshot().paused, true);
  const before = api.counts.sessions;
  await timers.advance(60_000);
  assert.equal(api.counts.sessions, before, 'nothing while paused');
  drill.refreshNow();
  await timers.advance(0);
  assert.equal(api.counts.sessions, before, 'not even a refresh');
  monitor.commands.togglePause();
  await timers.advance(1000);
  assert.equal(drill.getSnapshot().paused, false);
  assert.equal(api.counts.sessions, (before ?? 0) + 1, 'asked again once resumed');
  drill.close();
  monitor.stop();
});

test('n moves the session calls to the next node; an answer for the node before is dropped', async () => {
  const { timers, api, monitor, key } = setup();
  const drill = monitor.openDrill(key);
  await timers.advance(0);
  drill.nextNode();
  await timers.advance(0);
  assert.deepEqual(api.sessionNodes, ['n-primary', 'n-standby']);
  assert.equal(drill.getSnapshot().nodeIndex, 0);
  drill.nextNode();
  await timers.advance(0);
  assert.deepEqual(api.sessionNodes, ['n-primary', 'n-standby', 'n-primary']);
  drill.close();
  monitor.stop();
});

test('errors show on their part and back off; the last good answer stays', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  let failing = false;
  const api = countingCalls((call) =>
    failing && call === 'sessions'
      ? new ApiError({
          status: 503,
          code: 'DBS.200000',
          message: 'down',
          requestId: null,
          retryable: true,
          retryAfterMs: null,
        })
      : undefined,
  );
  const { client } = gatedSource(clock, async () => ({ total: 1, active: 1, slowSql: 0, lock: 0 }));
  const job: PollJob = { client: Object.assign(client, { drill: api.calls }), instanceId: 'i0', name: 'n0' };
  const monitor = createMonitor({
    jobs: [job],
    clock,
    timers,
    thresholds: defaultThresholds,
    intervalMs: 5000,
    rate: 100,
    concurrency: 4,
    language: 'en-us',
    random: undefined,
  } as Parameters<typeof createMonitor>[0]);
  const drill = monitor.openDrill(jobKey(job));
  await timers.advance(0);
  failing = true;
  await timers.advance(5000);
  const snapshot = drill.getSnapshot();
  assert.equal(snapshot.sessions.error?.code, 'DBS.200000');
  assert.equal(snapshot.sessions.data?.sessions.length, 2, 'the last good answer stays');
  const afterFailure = api.counts.sessions ?? 0;
  await timers.advance(30_000);
  const asked = (api.counts.sessions ?? 0) - afterFailure;
  assert.ok(asked <= 4, `backs off (up to two intervals) instead of asking every 5 s: ${asked} in 30 s`);
  failing = false;
  await timers.advance(20_000);
  assert.equal(drill.getSnapshot().sessions.error, null, 'an answer clears the error');
  drill.close();
});

test('the grid keeps its pace: with the page open, the grid still gets at least half of the budget', async () => {
  // 8 instances every second want 8 req/s; the budget is 4 req/s; the page wants sessions every second.
  const { timers, api, sent, monitor, key } = setup({ instances: 8, rate: 4, intervalMs: 1000 });
  await timers.advance(10_000);
  const gridBefore = sent.length;
  const drill = monitor.openDrill(key);
  await timers.advance(60_000);
  const grid = sent.length - gridBefore;
  const page = (api.counts.nodes ?? 0) + (api.counts.sessions ?? 0);
  assert.ok(grid >= 0.5 * 4 * 60 - 4, `grid ${grid} requests in 60 s at 4 req/s`);
  assert.ok(page <= 0.5 * 4 * 60 + 4, `page ${page} requests`);
  assert.ok(grid + page <= 4 * 60 + 8, 'together within the budget');
  drill.close();
  monitor.stop();
});

test('a grid that needs little keeps exactly its pace while the page is open', async () => {
  const { timers, sent, monitor, key } = setup({ instances: 2, rate: 10, intervalMs: 1000 });
  await timers.advance(10_000);
  const start = sent.length;
  await timers.advance(30_000);
  const closed = sent.length - start;
  const drill = monitor.openDrill(key);
  drill.setTab('statistics');
  await timers.advance(30_000);
  assert.equal(closed, 60);
  assert.equal(sent.length - start - closed, closed, 'the same number of overview requests per 30 s');
  drill.close();
  monitor.stop();
});

test('a 429 on a session call holds the page back and says so; the grid keeps its pace', async () => {
  const throttled = apiError({
    status: 429,
    code: 'APIGW.0308',
    message: 'throttled',
    retryable: true,
    retryAfterMs: 20_000,
  });
  const { timers, api, sent, monitor, key } = setup({
    instances: 2,
    rate: 10,
    intervalMs: 1000,
    failWith: (call) => (call === 'sessions' ? throttled : undefined),
  });
  await timers.advance(10_000);
  const start = sent.length;
  const drill = monitor.openDrill(key);
  await timers.advance(30_000);
  assert.equal(sent.length - start, 60, 'two instances every second, as with the page closed');
  assert.ok(
    (api.counts.sessions ?? 0) <= 2,
    `${api.counts.sessions} session calls in 30 s of Retry-After 20 s`,
  );
  assert.equal(drill.getSnapshot().sessions.error?.status, 429, 'the page says it is throttled');
  assert.equal(monitor.store.getSnapshot().status.throttledUntil, null, 'the grid is not');
  drill.close();
  monitor.stop();
});

test('close() leaves no timer behind: not the interval, not a wait for a token of the budget', async () => {
  for (const budgetLeft of [true, false]) {
    const clock = new FakeClock(0);
    const timers = new FakeTimers(clock);
    const api = countingCalls();
    let tokens = budgetLeft ? 1000 : 1;
    const share: RequestShare = {
      tryTake: () => tokens-- > 0,
      waitMs: () => 10_000,
      throttle: () => undefined,
    };
    const drill = new DrillPoller({
      key: 'k',
      instanceId: 'i0',
      calls: api.calls,
      clock,
      timers,
      grid: { subscribe: () => () => undefined, status: () => ({ paused: false, intervalMs: 5000 }) },
      share,
      allowKill: false,
      audit: undefined,
    });
    await timers.advance(0);
    assert.equal(timers.count, 1, budgetLeft ? 'the next interval' : 'a wait for a token');
    assert.equal(api.counts.sessions, budgetLeft ? 1 : undefined);
    drill.close();
    assert.equal(timers.count, 0);
    await timers.advance(60_000);
    assert.equal(api.counts.sessions, budgetLeft ? 1 : undefined, 'and nothing later');
  }
});

test('stopping the monitor stops its open pages: nothing more is asked', async () => {
  const { timers, api, monitor, key } = setup({ intervalMs: 1000 });
  const drill = monitor.openDrill(key);
  await timers.advance(3000);
  const asked = api.counts.sessions ?? 0;
  assert.ok(asked > 0);
  monitor.stop();
  await timers.advance(60_000);
  assert.equal(api.counts.sessions, asked);
  drill.close();
});
