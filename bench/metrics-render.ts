// /metrics alone, in process: the exposition of N answered instances (default 10,000), rendered
// with a warm label cache as a scrape finds it, and the first render that builds the cache.

import { noCommands } from '../source/feed/feed.js';
import { liveFeed } from '../source/feed/live-feed.js';
import { RequestStats } from '../source/monitor/request-stats.js';
import { defaultThresholds } from '../source/monitor/severity.js';
import { MonitorStore } from '../source/monitor/store.js';
import { LabelCache, renderExposition } from '../source/serve/exposition.js';
import { noTimers, systemClock } from '../source/time.js';
import { arg, median, quick } from './lib.js';

const count = arg('instances', quick ? 1000 : 10_000);
const identities = Array.from({ length: count }, (_, index) => {
  const instanceId = `${String(index).padStart(8, '0')}${'c'.repeat(24)}in14`;
  const endpoint = 'https://gaussdb.cn-north-4.myhuaweicloud.com';
  const projectId = '0611f1bd8b00d5d32f17c017f15b599f';
  return {
    key: `${endpoint} ${projectId} ${instanceId}`,
    endpoint,
    projectId,
    instanceId,
    name: `orders-${index}`,
  };
});
const store = new MonitorStore(identities, {
  clock: systemClock,
  thresholds: defaultThresholds,
  language: 'en-us',
  timers: noTimers,
  status: {
    paused: false,
    intervalMs: 5000,
    configuredRate: 2000,
    effectiveRate: 2000,
    throttledUntil: null,
    credentials: [],
    discovery: [],
  },
});
for (const [index, identity] of identities.entries())
  store.recordSuccess(
    identity.key,
    { total: 100 + (index % 50), active: index % 20, slowSql: index % 3, lock: index % 5 },
    12,
  );
store.flush();
const feed = liveFeed({ store, commands: noCommands });
const stats = new RequestStats(systemClock);
const cache = new LabelCache();
let started = performance.now();
const first = renderExposition(feed.getSnapshot(), cache, stats, systemClock.monotonic());
const firstMs = performance.now() - started;
const times: number[] = [];
for (let round = 0; round < 9; round++) {
  started = performance.now();
  renderExposition(feed.getSnapshot(), cache, stats, systemClock.monotonic());
  times.push(performance.now() - started);
}
console.log(`/metrics render, ${count} instances, in process`);
console.log(`  first render (labels built)  ${firstMs.toFixed(0)} ms`);
console.log(`  render                       ${median(times).toFixed(0)} ms median of 9 (budget <= 200 ms)`);
console.log(`  size                         ${(Buffer.byteLength(first) / 1024 / 1024).toFixed(1)} MiB`);
