// Start-up: time to the first frame and to the first frame with every row filled (live screen), and to
// the `--once --json` result for one instance, against a bare `node -e ''` measured in the same run.
// Usage: node --import tsx bench/startup.ts [--runs 7]
// With --variants [--runs 21]: the same for builds with one start-up measure taken out each (meow
// swapped for util.parseArgs, each shim left out; scripts/bench-variants.js), their runs interleaved,
// so each difference from the shipped build is what that measure saves. `npm run build` first.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { buildVariants } from '../scripts/bench-variants.js';
import {
  arg,
  binPath,
  type EmulatorProcess,
  median,
  node,
  nodeFlags,
  quick,
  report,
  sleep,
  startEmulatorProcess,
  targetFlags,
} from './lib.js';
import { startLive } from './live-process.js';

const variantsMode = process.argv.includes('--variants');
const runs = arg('runs', quick ? 2 : variantsMode ? 21 : 7);
const emulator = await startEmulatorProcess(['--instances', '12']);
const env = { ...process.env, GAUSSDB_TOKEN: emulator.token };

/** `--once --json` for one instance of the emulator. */
const onceFlags = (server: EmulatorProcess, id: string) => [
  '--endpoint',
  server.url,
  '--project-id',
  server.projectId,
  '--instance',
  id,
  '--once',
  '--json',
];

/** A bare Node.js writing one word on a pseudo-terminal under `script`, as the live screen runs. */
async function bareNodeInTerminal(): Promise<number> {
  const started = performance.now();
  const command = `stty cols 120 rows 40; exec env TERM=xterm-256color ${node} -e 'process.stdout.write("ready")'`;
  const wrapper = spawn('script', ['-q', '-f', '-c', command, '/dev/null'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  return new Promise((resolve) => {
    wrapper.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolve(performance.now() - started);
    });
  });
}

/** Time to the first frame, and to the first frame with every row filled ("12/12 OK"). */
async function liveFrames(extra: string[], bin = binPath): Promise<{ first: number; full: number }> {
  const started = performance.now();
  const live = startLive(
    [...targetFlags(emulator), ...extra],
    { GAUSSDB_TOKEN: emulator.token },
    undefined,
    bin,
  );
  let first = 0;
  for (;;) {
    const output = live.output();
    if (!first && output.includes('gaussdb-top')) first = performance.now() - started;
    if (output.includes('12/12 OK')) break;
    await sleep(1);
  }
  const full = performance.now() - started;
  await live.stop();
  return { first, full };
}

function timeMs(command: () => void): number {
  const started = performance.now();
  command();
  return performance.now() - started;
}

const firstId = (bin: string) =>
  JSON.parse(
    execFileSync(node, [...nodeFlags, bin, ...targetFlags(emulator), '--once', '--json'], { env }).toString(),
  ).instances[0].instance_id as string;

async function shipped(): Promise<void> {
  const bare: number[] = [];
  const once: number[] = [];
  const firstFrame: number[] = [];
  const fullFrame: number[] = [];
  const bareInTerminal: number[] = [];
  const defaultRateFrame: number[] = [];
  const id = firstId(binPath);
  for (let run = 0; run < runs; run++) {
    bare.push(timeMs(() => execFileSync(node, ['-e', ''])));
    once.push(timeMs(() => execFileSync(node, [...nodeFlags, binPath, ...onceFlags(emulator, id)], { env })));
    bareInTerminal.push(await bareNodeInTerminal());
    const fast = await liveFrames(['--rate', '100']);
    firstFrame.push(fast.first);
    fullFrame.push(fast.full);
    defaultRateFrame.push((await liveFrames([])).full);
  }
  const base = median(bare);
  const terminal = median(bareInTerminal);
  const times = (values: number[], against: number) =>
    `${median(values).toFixed(0)} ms = ${(median(values) / against).toFixed(1)}x`;
  report(`Start-up (median of ${runs})`, [
    ["bare node -e ''", `${base.toFixed(0)} ms`],
    ['--once --json, one instance', `${times(once, base)} bare node (budget <= 3x)`],
    ['bare node writing to a pseudo-terminal (script)', `${terminal.toFixed(0)} ms`],
    ['live: first frame', `${times(firstFrame, terminal)} that`],
    [
      'live: first frame with every row (12 instances, --rate 100)',
      `${times(fullFrame, terminal)} that (budget <= 3x)`,
    ],
    ['live: the same at the default rate (10/s)', `${times(defaultRateFrame, terminal)} that`],
  ]);
}

// One run of a command with its wall time and its CPU time (every thread, from getrusage): on a
// machine shared with other work the CPU time moves less than the wall time.
const timedRun = `import resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000)`;

/** The system's Python where there is one (a version manager's shim starts slowly). */
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

interface Timing {
  wall: number;
  cpu: number;
}

function timed(args: string[]): Timing {
  const [wall, cpu] = execFileSync(python, ['-c', timedRun, node, ...args], { env })
    .toString()
    .trim()
    .split(' ')
    .map(Number);
  return { wall: wall ?? Number.NaN, cpu: cpu ?? Number.NaN };
}

/** CPU time of every thread of a live process so far, in ms (/proc/<pid>/task/<tid>/schedstat, ns). */
function threadsCpuMs(pid: number): number {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  }
  return total;
}

/** The live screen of `bin` until every row is filled: wall time, and CPU time of its process. */
async function liveTimed(bin: string): Promise<Timing> {
  const started = performance.now();
  const live = startLive(
    [...targetFlags(emulator), '--rate', '100'],
    { GAUSSDB_TOKEN: emulator.token },
    undefined,
    bin,
  );
  while (!live.output().includes('12/12 OK')) await sleep(1);
  const wall = performance.now() - started;
  const cpu = threadsCpuMs(live.pid());
  await live.stop();
  return { wall, cpu };
}

/** The median of paired differences and its 95% interval by the sign test (order statistics). */
function pairedDifference(differences: number[]): { median: number; low: number; high: number } {
  const sorted = [...differences].sort((a, b) => a - b);
  const n = sorted.length;
  // The largest k with P(Binomial(n, 1/2) < k) <= 2.5%: the interval is [x(k), x(n+1-k)].
  let k = 0;
  let below = 0;
  for (let count = 0, term = 0.5 ** n; below + term <= 0.025; count++) {
    below += term;
    term = (term * (n - count)) / (count + 1);
    k = count + 1;
  }
  const at = (index: number) => sorted[Math.min(Math.max(index, 0), n - 1)] as number;
  return { median: median(sorted), low: at(k - 1), high: at(n - k) };
}

const measures = { json: '--once --json', table: '--once (table)', live: 'live, every row' } as const;

/**
 * Each variant's `--once --json`, `--once` table and live screen until every row is filled, the
 * variants interleaved run by run; each is reported as its difference from the shipped build in the
 * same run (paired), which takes out most of what other work on the machine does to both.
 */
async function variants(): Promise<void> {
  const bins = await buildVariants(new URL('out/variants/', import.meta.url));
  const names = Object.keys(bins);
  const id = firstId(binPath);
  const json = onceFlags(emulator, id);
  const table = json.filter((flag) => flag !== '--json');
  const rounds: Map<string, Timing>[] = [];
  // One warm-up round (the compile cache of each build), then the measured ones.
  for (let run = -1; run < runs; run++) {
    const round = new Map<string, Timing>([['bare', timed(['-e', ''])]]);
    // A different variant goes first in each round, so none always follows the same neighbour.
    for (let index = 0; index < names.length; index++) {
      const name = names[(index + run + names.length) % names.length] as string;
      const bin = bins[name] as string;
      round.set(`${name}/json`, timed([...nodeFlags, bin, ...json]));
      round.set(`${name}/table`, timed([...nodeFlags, bin, ...table]));
      round.set(`${name}/live`, await liveTimed(bin));
    }
    if (run >= 0) rounds.push(round);
  }
  const values = (key: string, field: keyof Timing) => rounds.map((round) => round.get(key)?.[field] ?? 0);
  const both = (key: string) =>
    `${median(values(key, 'wall')).toFixed(0)} ms wall, ${median(values(key, 'cpu')).toFixed(0)} ms CPU`;
  const [shipped = '', ...others] = names;
  const difference = (key: string, field: keyof Timing) => {
    const base = values(`${shipped}/${key.split('/')[1]}`, field);
    const {
      median: middle,
      low,
      high,
    } = pairedDifference(values(key, field).map((v, i) => v - (base[i] ?? 0)));
    const sign = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
    return `${sign(middle)} ms ${field} [${sign(low)}, ${sign(high)}]`;
  };
  report(`Start-up by build (medians of ${runs}; others: ms more than shipped, paired, [95% interval])`, [
    ["bare node -e ''", both('bare')],
    ...Object.entries(measures).map(([key, label]): [string, string] => [
      `shipped: ${label}`,
      both(`${shipped}/${key}`),
    ]),
    ...others.flatMap((name) =>
      Object.entries(measures).map(([key, label]): [string, string] => [
        `${name}: ${label}`,
        `${difference(`${name}/${key}`, 'wall')}, ${difference(`${name}/${key}`, 'cpu')}`,
      ]),
    ),
  ]);
}

try {
  await (variantsMode ? variants() : shipped());
} finally {
  await emulator.stop();
}
