import { readFileSync } from 'node:fs';
// /metrics alone, in process: the exposition of N answered instances (default 10,000). The baseline is
// the from-scratch text (warm label cache) plus its UTF-8 encoding, which the old server paid on
// write; then `serve`'s ExpositionCache: a scrape after every instance changed (nothing kept up to
// date), and one after the publications kept the lines current (a scrape is a copy).

import { noCommands } from '../source/feed/feed.js';
import { liveFeed } from '../source/feed/live-feed.js';
import { RequestStats } from '../source/monitor/request-stats.js';
import { defaultThresholds } from '../source/monitor/severity.js';
import { MonitorStore } from '../source/monitor/store.js';
import { LabelCache, renderExposition } from '../source/serve/exposition.js';
import { ExpositionCache } from '../source/serve/exposition-cache.js';
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
    // Some Chinese names, as the emulator has: the text is then two bytes a character until encoded.
    name: index % 10 === 0 ? `订单库-${index}` : `orders-${index}`,
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
const timed = <T>(work: () => T): number => {
  const started = performance.now();
  work();
  return performance.now() - started;
};
const firstMs = timed(() => renderExposition(feed.getSnapshot(), cache, stats, systemClock.monotonic()));
const size = Buffer.byteLength(renderExposition(feed.getSnapshot(), cache, stats, systemClock.monotonic()));
const scratch: number[] = [];
const encoded: number[] = [];
const changed: number[] = [];
const kept: number[] = [];
let round = 0;
/** Every instance answers again: new views, as a scrape 15 s apart finds them at --interval 5. */
const answerAll = () => {
  round++;
  for (const [index, identity] of identities.entries())
    store.recordSuccess(
      identity.key,
      { total: 100 + ((index + round) % 50), active: index % 20, slowSql: 0, lock: 0 },
      12,
    );
};
for (let index = 0; index < 9; index++) {
  scratch.push(timed(() => renderExposition(feed.getSnapshot(), cache, stats, systemClock.monotonic())));
  encoded.push(
    timed(() => Buffer.from(renderExposition(feed.getSnapshot(), cache, stats, systemClock.monotonic()))),
  );
  // Not told of publications, the cache cannot keep up: the scrape rebuilds every instance's lines.
  const deaf = new ExpositionCache({ ...feed, subscribe: () => () => {} }, systemClock);
  deaf.render(feed.getSnapshot(), stats, systemClock.monotonic());
  answerAll();
  store.flush();
  changed.push(timed(() => deaf.render(feed.getSnapshot(), stats, systemClock.monotonic())));
  deaf.close();
  // Published: the subscription rebuilt the changed lines as they came; the scrape copies.
  const warm = new ExpositionCache(feed, systemClock);
  warm.render(feed.getSnapshot(), stats, systemClock.monotonic());
  answerAll();
  store.flush();
  kept.push(timed(() => warm.render(feed.getSnapshot(), stats, systemClock.monotonic())));
  warm.close();
}
const ms = (values: number[]) =>
  `${median(values).toFixed(0)} ms median of 9, slowest ${Math.max(...values).toFixed(0)} ms`;
console.log(
  `/metrics render, ${count} instances, in process (load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`,
);
console.log(`  from scratch, first (labels built)   ${firstMs.toFixed(0)} ms`);
console.log(`  from scratch, text                   ${ms(scratch)}`);
console.log(`  from scratch, text + UTF-8 bytes     ${ms(encoded)}`);
console.log(`  cache, every instance changed        ${ms(changed)}`);
console.log(`  cache, kept up to date (the scrape)  ${ms(kept)} (budget <= 200 ms)`);
console.log(`  size                                 ${(size / 1024 / 1024).toFixed(1)} MiB`);
