// Terminal bytes: everything the real binary writes to its terminal (recorded with `script`) for 200
// instances on a still fleet where 5% of instances change per 5 s cycle, then with nothing changing.
// Compared with the bytes of one full frame of the same screen.
// Usage: node --import tsx bench/terminal-bytes.ts [--instances 200] [--cycles 6]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, binPath, node, quick, report, startEmulatorProcess } from './lib.js';

const instances = arg('instances', 200);
const cycles = arg('cycles', quick ? 2 : 6);
const cycleMs = 5000;
const warmupMs = 15_000;
const size = { columns: 120, rows: 40 };

interface Recording {
  /** Bytes written in each [start, end) window of the run, by the timing log. */
  bytesBetween(startMs: number, endMs: number): number;
  firstFrameBytes: number;
}

async function record(share: number, durationMs: number): Promise<Recording> {
  const emulator = await startEmulatorProcess([
    '--instances',
    String(instances),
    '--churn',
    String(share),
    '--churn-period',
    String(cycleMs / 1000),
  ]);
  const directory = mkdtempSync(join(tmpdir(), 'gaussdb-top-bytes-'));
  const output = join(directory, 'out');
  const timing = join(directory, 'timing');
  const command = [
    `stty cols ${size.columns} rows ${size.rows};`,
    `exec env -u CI TERM=xterm-256color GAUSSDB_TOKEN=${emulator.token}`,
    node,
    binPath,
    `--endpoint ${emulator.url} --project-id ${emulator.projectId} --discover --interval ${cycleMs / 1000} --rate 200`,
  ].join(' ');
  const child = spawn('script', ['-q', '-f', '-T', timing, '-O', output, '-c', command], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await emulator.stop();

  const events: { at: number; bytes: number }[] = [];
  let at = 0;
  for (const line of readFileSync(timing, 'utf8').trim().split('\n')) {
    const [delay, bytes] = line.split(' ').map(Number);
    at += (delay ?? 0) * 1000;
    events.push({ at, bytes: bytes ?? 0 });
  }
  // Ink wraps each frame in synchronized-output markers; the largest frame is a full paint of the screen.
  const text = readFileSync(output, 'latin1');
  const body = text.slice(text.indexOf('\n') + 1);
  const firstFrameBytes = Math.max(
    ...body.split('\u001B[?2026h').map((frame) => Buffer.byteLength(frame, 'latin1')),
  );
  return {
    bytesBetween: (startMs, endMs) =>
      events
        .filter((event) => event.at >= startMs && event.at < endMs)
        .reduce((sum, event) => sum + event.bytes, 0),
    firstFrameBytes,
  };
}

const churning = await record(0.05, warmupMs + cycles * cycleMs);
const still = await record(0, warmupMs + cycles * cycleMs);
const perCycle = churning.bytesBetween(warmupMs, warmupMs + cycles * cycleMs) / cycles;
const idle = still.bytesBetween(warmupMs, warmupMs + cycles * cycleMs);
const fullFrame = Math.max(churning.firstFrameBytes, still.firstFrameBytes);
report(
  `Terminal bytes: ${instances} instances on a ${size.columns}x${size.rows} terminal, ${cycles} cycles of ${cycleMs / 1000} s after ${warmupMs / 1000} s warm-up`,
  [
    ['one full frame', `${fullFrame} bytes`],
    [
      'per cycle, 5% of rows changing',
      `${perCycle.toFixed(0)} bytes = ${((perCycle / fullFrame) * 100).toFixed(1)}% of a full frame (budget <= 20%)`,
    ],
    ['per cycle, nothing changing', `${(idle / cycles).toFixed(0)} bytes (budget 0)`],
  ],
);
