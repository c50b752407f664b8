// Memory: the live screen with 2,000 instances at a 1 s interval, RSS and heap after 1 and 10 minutes.
// Each reading is the median of the samples taken every 5 s in the half minute up to it: the heap
// breathes with every major GC, and a single sample is as likely to catch a peak as a trough.
// Usage: node --import tsx bench/memory.ts [--instances 2000] [--early 60] [--late 600] [--serve]
//   [--node-flags "--max-semi-space-size=8 ..."]   (instead of the shebang's, to compare V8 settings)
//   [--launch shebang|node|npx|<single file>]      (a launch path as users start it, instead)
// --serve measures `gaussdb-top serve` polling the same fleet at the same pace, instead of the screen.
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  arg,
  binPath,
  cpuMs,
  median,
  node,
  nodeFlags,
  quick,
  report,
  rssMiB,
  sleep,
  startEmulatorProcess,
  targetFlags,
} from './lib.js';
import { startLive } from './live-process.js';

/** The command line before the arguments for `--launch`, as a user would type it. */
function launchProgram(launch: string): string[] {
  if (launch === 'shebang') return [binPath];
  if (launch === 'node') return [node, binPath];
  if (launch === 'npx') return ['npx', '--no-install', 'gaussdb-top'];
  return [launch];
}

const instances = arg('instances', quick ? 200 : 2000);
const earlyS = arg('early', quick ? 10 : 60);
const lateS = arg('late', quick ? 20 : 600);
const windowS = quick ? 5 : 30;
const sampleEveryS = quick ? 1 : 5;

const emulator = await startEmulatorProcess(['--instances', String(instances)]);
// Only the monitor runs with other flags; the emulator keeps the shebang's.
const flagsAt = process.argv.indexOf('--node-flags');
const chosenFlags = flagsAt === -1 ? undefined : (process.argv[flagsAt + 1] ?? '').split(' ').filter(Boolean);
const launchAt = process.argv.indexOf('--launch');
const launch = launchAt === -1 ? undefined : (process.argv[launchAt + 1] ?? '');
const serve = process.argv.includes('--serve');
const log = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-memory-')), 'memory.jsonl');
const live = startLive(
  [
    ...(serve ? ['serve', '--listen', '127.0.0.1:0'] : []),
    ...targetFlags(emulator),
    ...['--interval', '1', '--rate', '5000', '--concurrency', '64'],
    ...(serve ? ['--max-instances', String(instances)] : []),
  ],
  {
    GAUSSDB_TOKEN: emulator.token,
    GAUSSDB_TOP_MEMORY_LOG: log,
    // Chosen flags are run as they are: the bin does not add the shebang's to them.
    ...(chosenFlags ? { GAUSSDB_TOP_RELAUNCHED: '1' } : {}),
  },
  undefined,
  binPath,
  launch ? launchProgram(launch) : [node, ...(chosenFlags ?? nodeFlags), binPath],
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

/** Heap trims the process had made by its last memory log line, and the time they took. */
function trimsSoFar(): string {
  const last = readFileSync(log, 'utf8').trim().split('\n').at(-1);
  const trims = last ? (JSON.parse(last) as { trims?: { count: number; ms: number } }).trims : undefined;
  return trims ? `${trims.count}, ${Math.round(trims.ms)} ms in all` : 'none logged';
}

try {
  const started = Date.now();
  const rss: { atS: number; mib: number; cpuMs: number }[] = [];
  while (Date.now() - started < lateS * 1000) {
    await sleep(sampleEveryS * 1000);
    rss.push({ atS: (Date.now() - started) / 1000, mib: rssMiB(live.pid()), cpuMs: cpuMs(live.pid()) });
  }
  // CPU from the early reading to the end: start-up and the first rounds are left out.
  const fromEarly = rss.find((sample) => sample.atS >= earlyS) ?? rss[0];
  const last = rss.at(-1);
  const cpuShare =
    fromEarly && last && last.atS > fromEarly.atS
      ? ((last.cpuMs - fromEarly.cpuMs) / ((last.atS - fromEarly.atS) * 1000)) * 100
      : Number.NaN;
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
  const how = launch
    ? `launched as ${launchProgram(launch).join(' ')}`
    : `node ${(chosenFlags ?? nodeFlags).join(' ')}`;
  const what = serve ? '`serve`' : 'the live screen';
  report(`Memory: ${what}, ${instances} instances at a 1 s interval, ${how}`, [
    [`after ${earlyS} s`, line(early)],
    [`after ${lateS} s`, line(late)],
    ['RSS growth', `${growth.toFixed(1)}% (budget <= 5%; RSS budget <= 150 MB)`],
    [
      `CPU from ${earlyS} s on`,
      `${cpuShare.toFixed(1)}% of one core (load average ${loadavg()[0]?.toFixed(2)} at the end)`,
    ],
    ['heap trims', `${trimsSoFar()} (by the last log line before ${lateS} s)`],
  ]);
} finally {
  await live.stop();
  await emulator.stop();
}
