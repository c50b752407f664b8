// Start-up: time to the first frame and to the first frame with every row filled (live screen), and to
// the `--once --json` result for one instance, against a bare `node -e ''` measured in the same run.
// Usage: node --import tsx bench/startup.ts [--runs 7]
import { execFileSync, spawn } from 'node:child_process';
import {
  arg,
  binPath,
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

const runs = arg('runs', quick ? 2 : 7);
const emulator = await startEmulatorProcess(['--instances', '12']);

/** `--once --json` for one instance of the emulator. */
const onceFlags = (id: string) => [
  '--endpoint',
  emulator.url,
  '--project-id',
  emulator.projectId,
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
async function liveFrames(extra: string[]): Promise<{ first: number; full: number }> {
  const started = performance.now();
  const live = startLive([...targetFlags(emulator), ...extra], { GAUSSDB_TOKEN: emulator.token });
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

try {
  const bare: number[] = [];
  const once: number[] = [];
  const firstFrame: number[] = [];
  const fullFrame: number[] = [];
  const bareInTerminal: number[] = [];
  const defaultRateFrame: number[] = [];
  const env = { ...process.env, GAUSSDB_TOKEN: emulator.token };
  const id = JSON.parse(
    execFileSync(node, [...nodeFlags, binPath, ...targetFlags(emulator), '--once', '--json'], {
      env,
    }).toString(),
  ).instances[0].instance_id as string;
  for (let run = 0; run < runs; run++) {
    bare.push(timeMs(() => execFileSync(node, ['-e', ''])));
    once.push(timeMs(() => execFileSync(node, [...nodeFlags, binPath, ...onceFlags(id)], { env })));
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
} finally {
  await emulator.stop();
}
