// Start-up: time to the first frame and to the first frame with every row filled (live screen), and to
// the `--once --json` result for one instance, against a bare `node -e ''` measured in the same run.
// Usage: node --import tsx bench/startup.ts [--runs 7]
import { execFileSync } from 'node:child_process';
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
  const env = { ...process.env, GAUSSDB_TOKEN: emulator.token };
  const id = JSON.parse(
    execFileSync(node, [...nodeFlags, binPath, ...targetFlags(emulator), '--once', '--json'], {
      env,
    }).toString(),
  ).instances[0].instance_id as string;
  for (let run = 0; run < runs; run++) {
    bare.push(timeMs(() => execFileSync(node, ['-e', ''])));
    once.push(timeMs(() => execFileSync(node, [...nodeFlags, binPath, ...onceFlags(id)], { env })));
    const started = performance.now();
    const live = startLive(targetFlags(emulator), {
      GAUSSDB_TOKEN: emulator.token,
    });
    let first = 0;
    for (;;) {
      const output = live.output();
      if (!first && output.includes('gaussdb-top')) first = performance.now() - started;
      if (output.includes('12/12 OK')) break;
      await sleep(2);
    }
    firstFrame.push(first);
    fullFrame.push(performance.now() - started);
    await live.stop();
  }
  const base = median(bare);
  report(`Start-up (median of ${runs})`, [
    ["bare node -e ''", `${base.toFixed(0)} ms`],
    [
      '--once --json, one instance',
      `${median(once).toFixed(0)} ms = ${(median(once) / base).toFixed(1)}x bare node (budget <= 3x)`,
    ],
    ['live: first frame', `${median(firstFrame).toFixed(0)} ms = ${(median(firstFrame) / base).toFixed(1)}x`],
    [
      'live: every row filled (12 instances)',
      `${median(fullFrame).toFixed(0)} ms = ${(median(fullFrame) / base).toFixed(1)}x (budget <= 3x)`,
    ],
  ]);
} finally {
  await emulator.stop();
}
