// A large recording replayed: memory and the time a jump takes. Generates the file here (never kept in
// the repo): 2,000 instances answering every 5 s, about 1 GB plain (`--mb 1024`), or a gzip one of the
// same hours. A child process opens it as `gaussdb-top replay` does, jumps to random times and plays
// on; its peak RSS is what the figure reports.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lookbackPoint, openReplay } from '../source/feed/replay-feed.js';
import { ReplayClock, recordedThresholds } from '../source/feed/replay-state.js';
import { defaultThresholds } from '../source/monitor/severity.js';
import { EventCursor } from '../source/record/event-cursor.js';
import { answerLine, sessionLine } from '../source/record/format.js';
import { indexRecording, type SeekPoint } from '../source/record/recording-index.js';
import { noTimers, systemClock } from '../source/time.js';
import { OneByOne } from '../test/helpers/replay-one-by-one.js';
import { arg, median, nodeFlags, quick } from './lib.js';

const instances = 2000;
const intervalMs = 5000;

async function generate(path: string, megabytes: number, gzip: boolean): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((resolve) =>
      out.write(gzip ? gzipSync(text) : text) ? resolve() : out.once('drain', resolve),
    );
  const start = Date.UTC(2026, 10, 28, 0, 0, 0);
  const identity = (index: number) => ({
    key: String(index),
    endpoint: 'https://gaussdb.cn-north-4.myhuaweicloud.com',
    projectId: '0611f1bd8b00d5d32f17c017f15b599f',
    instanceId: `${String(index).padStart(32, '0')}in14`,
    name: `orders-${index}`,
  });
  await write(
    sessionLine({
      version: '0.1.0',
      wallAt: start,
      intervalMs,
      thresholds: defaultThresholds,
      targets: [],
      instances: Array.from({ length: instances }, (_, index) => identity(index)),
    }),
  );
  const limit = megabytes * 1024 * 1024;
  // A flush of the recorder holds 3 s of answers: one gzip member each.
  for (let batch = 0; out.bytesWritten + out.writableLength < limit; batch++) {
    let text = '';
    for (let index = 0; index < instances * 0.6; index++) {
      const instance = (batch * 1200 + index) % instances;
      const at = start + batch * 3000 + index;
      const poll = Math.floor((batch * 1200 + index) / instances);
      text += answerLine(
        at,
        instance,
        { total: 100 + (poll % 97), active: (poll + instance) % 60, slowSql: poll % 5, lock: instance % 4 },
        20,
      );
    }
    await write(text);
  }
  await new Promise((resolve) => out.end(resolve));
}

/**
 * The baseline, in the same run: jumps as the replay first made them, every event of the lookback
 * applied to a MonitorStore one by one (test/helpers/replay-one-by-one.ts, the tests' reference).
 */
async function oneByOneChild(path: string): Promise<void> {
  const index = await indexRecording(path);
  const thresholds = recordedThresholds((index.points.at(-1) as SeekPoint).fleet);
  const jumps: number[] = [];
  for (let jump = 0; jump < 5; jump++) {
    const target = index.start + Math.random() * (index.end - index.start);
    const began = performance.now();
    const point = lookbackPoint(index, target);
    const state = new OneByOne(point.fleet, new ReplayClock(point.t), 'en-us', thresholds);
    const cursor = new EventCursor(index, point);
    await cursor.readUntil(target, (event) => state.apply(event));
    state.publish(target);
    await cursor.close();
    jumps.push(performance.now() - began);
  }
  const result = {
    jumpMedianMs: Math.round(median(jumps)),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(result));
}

async function child(path: string): Promise<void> {
  const opened = performance.now();
  const index = await indexRecording(path);
  const indexMs = performance.now() - opened;
  const feed = await openReplay(index, { language: 'en-us', clock: systemClock, timers: noTimers });
  const jumps: number[] = [];
  for (let jump = 0; jump < 20; jump++) {
    const target = index.start + Math.random() * (index.end - index.start);
    const began = performance.now();
    feed.replay.seekTo(target);
    await feed.replay.settled();
    jumps.push(performance.now() - began);
  }
  // Playing: 10 minutes of recorded time in 10 s steps, as 256x would in about 2.5 s.
  const played = performance.now();
  for (let step = 0; step < 60; step++) {
    feed.replay.step(10_000);
    await feed.replay.settled();
  }
  const playMs = performance.now() - played;
  await feed.replay.close();
  const result = {
    indexMs: Math.round(indexMs),
    points: index.points.length,
    jumpMedianMs: Math.round(median(jumps)),
    jumpMaxMs: Math.round(Math.max(...jumps)),
    tenMinutesMs: Math.round(playMs),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(result));
}

async function main(): Promise<void> {
  const childPath = process.argv[process.argv.indexOf('--child') + 1];
  if (process.argv.includes('--child') && childPath)
    return process.argv.includes('--one-by-one') ? oneByOneChild(childPath) : child(childPath);
  const megabytes = arg('mb', quick ? 32 : 1024);
  for (const gzip of [false, true]) {
    const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-bench-replay-'));
    const path = join(dir, gzip ? 'fleet.ndjson.gz' : 'fleet.ndjson');
    // The gzip file holds as many hours as the plain one: an eighth of its bytes, about.
    await generate(path, gzip ? Math.ceil(megabytes / 8) : megabytes, gzip);
    const size = statSync(path).size;
    // As `gaussdb-top replay` runs: with the flags of bin/gaussdb-top.js.
    const run = (...extra: string[]) =>
      execFileSync(
        process.execPath,
        [...nodeFlags, '--import', 'tsx', new URL(import.meta.url).pathname, '--child', path, ...extra],
        { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
      );
    const output = JSON.parse(run());
    const baseline = JSON.parse(run('--one-by-one'));
    console.log(`replay of ${gzip ? 'gzip' : 'plain'} ${(size / 1024 / 1024).toFixed(0)} MB:`, {
      ...output,
      oneByOne: baseline,
      jumpMedianRatio: Number((output.jumpMedianMs / baseline.jumpMedianMs).toFixed(2)),
    });
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(path);
  }
}

await main();
