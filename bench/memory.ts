// Memory: the live screen with 2,000 instances at a 1 s interval, RSS and heap after 1 and 10 minutes.
// Each reading is the median of the samples taken every 5 s in the half minute up to it: the heap
// breathes with every major GC, and a single sample is as likely to catch a peak as a trough.
// Usage: node --import tsx bench/memory.ts [--instances 2000] [--early 60] [--late 600]
//   [--node-flags "--max-semi-space-size=8 ..."]   (instead of the shebang's, to compare V8 settings)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  arg,
  median,
  nodeFlags,
  quick,
  report,
  rssMiB,
  sleep,
  startEmulatorProcess,
  targetFlags,
} from './lib.js';
import { startLive } from './live-process.js';

const instances = arg('instances', quick ? 200 : 2000);
const earlyS = arg('early', quick ? 10 : 60);
const lateS = arg('late', quick ? 20 : 600);
const windowS = quick ? 5 : 30;
const sampleEveryS = quick ? 1 : 5;

const emulator = await startEmulatorProcess(['--instances', String(instances)]);
// Only the monitor runs with other flags; the emulator keeps the shebang's.
const flagsAt = process.argv.indexOf('--node-flags');
if (flagsAt !== -1) nodeFlags.splice(0, nodeFlags.length, ...(process.argv[flagsAt + 1] ?? '').split(' '));
const log = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-memory-')), 'memory.jsonl');
const live = startLive(
  [...targetFlags(emulator), '--interval', '1', '--rate', '5000', '--concurrency', '64'],
  { GAUSSDB_TOKEN: emulator.token, GAUSSDB_TOP_MEMORY_LOG: log },
);

/** Heap in use (MiB) as logged by the process itself every 10 s, in a window of seconds since start. */
function heapIn(fromS: number, toS: number, started: number): number[] {
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { at: number; heapUsed: number })
    .filter((line) => line.at >= started + fromS * 1000 && line.at <= started + toS * 1000)
    .map((line) => line.heapUsed / 2 ** 20);
}

try {
  const started = Date.now();
  const rss: { atS: number; mib: number }[] = [];
  while (Date.now() - started < lateS * 1000) {
    await sleep(sampleEveryS * 1000);
    rss.push({ atS: (Date.now() - started) / 1000, mib: rssMiB(live.pid()) });
  }
  const reading = (atS: number) => {
    const window = rss.filter((sample) => sample.atS > atS - windowS && sample.atS <= atS + 1);
    // The process logs its heap every 10 s: the window takes at least one line.
    const heap = heapIn(atS - Math.max(windowS, 11), atS + 1, started);
    return {
      rss: median(window.map((sample) => sample.mib)),
      peak: Math.max(...window.map((sample) => sample.mib)),
      heap: heap.length ? median(heap) : Number.NaN,
    };
  };
  const early = reading(earlyS);
  const late = reading(lateS);
  const growth = ((late.rss - early.rss) / early.rss) * 100;
  const line = (value: typeof early) =>
    `RSS ${value.rss.toFixed(1)} MiB = ${((value.rss * 2 ** 20) / 1e6).toFixed(1)} MB (highest sample ${value.peak.toFixed(1)} MiB), heap used ${value.heap.toFixed(1)} MiB`;
  report(`Memory: ${instances} instances at a 1 s interval, node ${nodeFlags.join(' ')}`, [
    [`after ${earlyS} s`, line(early)],
    [`after ${lateS} s`, line(late)],
    ['RSS growth', `${growth.toFixed(1)}% (budget <= 5%; RSS budget <= 150 MB)`],
  ]);
} finally {
  await live.stop();
  await emulator.stop();
}
