// Memory: the live screen with 2,000 instances at a 1 s interval, RSS and heap after 1 and 10 minutes.
// Usage: node --import tsx bench/memory.ts [--instances 2000] [--early 60] [--late 600]
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, quick, report, rssMiB, sleep, startEmulatorProcess, targetFlags } from './lib.js';
import { startLive } from './live-process.js';

const instances = arg('instances', quick ? 200 : 2000);
const earlyS = arg('early', quick ? 10 : 60);
const lateS = arg('late', quick ? 20 : 600);

const emulator = await startEmulatorProcess(['--instances', String(instances)]);
const log = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-memory-')), 'memory.jsonl');
const live = startLive(
  [...targetFlags(emulator), '--interval', '1', '--rate', '5000', '--concurrency', '64'],
  { GAUSSDB_TOKEN: emulator.token, GAUSSDB_TOP_MEMORY_LOG: log },
);
const heapNear = (seconds: number, started: number) => {
  const lines = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { at: number; heapUsed: number });
  const target = started + seconds * 1000;
  return (
    lines.reduce((best, line) => (Math.abs(line.at - target) < Math.abs(best.at - target) ? line : best))
      .heapUsed /
    2 ** 20
  );
};
try {
  const started = Date.now();
  await sleep(earlyS * 1000);
  const early = { rss: rssMiB(live.pid()), heap: heapNear(earlyS, started) };
  await sleep((lateS - earlyS) * 1000);
  const late = { rss: rssMiB(live.pid()), heap: heapNear(lateS, started) };
  const growth = ((late.rss - early.rss) / early.rss) * 100;
  report(`Memory: ${instances} instances at a 1 s interval (live screen on a pseudo-terminal)`, [
    [`after ${earlyS} s`, `RSS ${early.rss.toFixed(1)} MiB, heap ${early.heap.toFixed(1)} MiB`],
    [`after ${lateS} s`, `RSS ${late.rss.toFixed(1)} MiB, heap ${late.heap.toFixed(1)} MiB`],
    ['RSS growth', `${growth.toFixed(1)}% (budget <= 5%; RSS budget <= 150 MB)`],
  ]);
} finally {
  await live.stop();
  await emulator.stop();
}
