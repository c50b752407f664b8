import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveFeed } from '../../source/feed/live-feed.js';
import { pollRound } from '../../source/feed/round-feed.js';
import { messages } from '../../source/i18n/index.js';
import { createMonitor } from '../../source/monitor/monitor.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { buildReport } from '../../source/output/report.js';
import { renderTable } from '../../source/output/table.js';
import { refusedError } from '../helpers/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { gatedSource } from '../helpers/gated-source.js';

const quiet = { total: 10, active: 1, slowSql: 0, lock: 0 };

test('the live feed: every capability but seek, and its commands reach the poller', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  const { client, sent } = gatedSource(clock, async () => quiet, { endpoint: 'https://gaussdb.example.com' });
  const monitor = createMonitor({
    jobs: [{ client, instanceId: 'i1', name: 'orders' }],
    clock,
    timers,
    thresholds: defaultThresholds,
    intervalMs: 5000,
    rate: 10,
    concurrency: 4,
    language: 'en-us',
  });
  const feed = liveFeed(monitor);
  assert.deepEqual([...feed.capabilities].sort(), ['drill', 'interval', 'language', 'pause', 'refresh']);
  let published = 0;
  const unsubscribe = feed.subscribe(() => published++);
  monitor.start();
  await timers.advance(1000);
  const [view] = feed.getSnapshot().instances;
  assert.equal(view?.endpoint, 'https://gaussdb.example.com', 'the instance carries its endpoint');
  assert.deepEqual(view?.latest?.overview, quiet);
  assert.equal(feed.history(view?.key ?? '').length, 1);
  assert.ok(published > 0);
  feed.commands.togglePause();
  assert.equal(feed.getSnapshot().status.paused, true);
  feed.commands.stepInterval(1);
  assert.equal(feed.getSnapshot().status.intervalMs, 10_000);
  feed.commands.setLanguage('zh-cn');
  assert.equal(feed.getSnapshot().language, 'zh-cn');
  await timers.advance(60_000);
  assert.equal(sent.length, 1, 'paused: nothing more was asked');
  unsubscribe();
  monitor.stop();
});

test('one round as a feed: answers and failures in job order, no commands; the report reads it', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  const good = gatedSource(clock, async (id) => ({ ...quiet, total: Number(id.slice(1)) }), {
    endpoint: 'https://a.example.com',
  });
  const refused = gatedSource(
    clock,
    async () => {
      throw refusedError();
    },
    { endpoint: 'https://b.example.com' },
  );
  const jobs = [
    { client: good.client, instanceId: 'i3', name: 'three' },
    { client: refused.client, instanceId: 'i9', name: 'nine' },
    { client: good.client, instanceId: 'i1', name: 'one' },
  ];
  const feed = await pollRound(jobs, {
    concurrency: 2,
    rate: 100,
    thresholds: defaultThresholds,
    language: 'en-us',
    clock,
    timers,
  });
  assert.equal(feed.capabilities.size, 0);
  const report = buildReport(feed, new Date(0));
  assert.deepEqual(
    report.rows.map((row) => [row.name, row.overview?.total ?? null, row.level, row.error?.code ?? null]),
    [
      ['three', 3, 'ok', null],
      ['nine', null, 'error', 'CREDENTIALS_REFUSED'],
      ['one', 1, 'ok', null],
    ],
  );
  assert.match(
    renderTable(report, messages('en-us')),
    /^nine .*ERROR {2}credentials refused: APIGW.0301 refused$/m,
  );
  assert.deepEqual(
    feed.getSnapshot().instances.map((view) => view.endpoint),
    ['https://a.example.com', 'https://b.example.com', 'https://a.example.com'],
  );
});
