import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { answerLine, errorLine, sessionLine } from '../../source/record/format.js';
import { identity } from './recording-setup.js';

export const recordingStart = Date.UTC(2026, 10, 28, 3, 0, 0);

export interface SyntheticOptions {
  instances?: number;
  minutes?: number;
  intervalMs?: number;
  /** Every how many polls an instance fails instead of answering (0: never). */
  failEvery?: number;
  gzip?: boolean;
  start?: number;
}

/** The counts instance `index` answers at poll `poll`: different for every pair, so a wrong seek shows. */
export const countsAt = (index: number, poll: number) => ({
  total: 100 + index * 10 + (poll % 50),
  active: (poll * 7 + index) % 120,
  slowSql: (poll + index) % 13,
  lock: (poll * 3 + index) % 11,
});

/**
 * The lines a recorder would write for a steady fleet: one session line, then every instance answering
 * (or failing) once per interval. Gzip writes a member every 3 s of recorded time, as the recorder does.
 */
export function syntheticLines(options: SyntheticOptions = {}): {
  lines: string[];
  start: number;
  end: number;
} {
  const instances = options.instances ?? 3;
  const intervalMs = options.intervalMs ?? 5000;
  const start = options.start ?? recordingStart;
  const polls = Math.round(((options.minutes ?? 30) * 60_000) / intervalMs);
  const lines = [
    sessionLine({
      version: '0.1.0',
      wallAt: start,
      intervalMs,
      thresholds: defaultThresholds,
      targets: [],
      instances: Array.from({ length: instances }, (_, index) => identity(index)),
    }),
  ];
  let end = start;
  for (let poll = 0; poll < polls; poll++) {
    for (let index = 0; index < instances; index++) {
      end = start + poll * intervalMs + index * 10 + 5;
      const fails = options.failEvery && poll % options.failEvery === options.failEvery - 1 && index === 0;
      lines.push(
        fails
          ? errorLine(
              end,
              index,
              { status: 503, code: 'SVC.503', message: `busy ${poll}`, requestId: `r${poll}`, at: 0 },
              40,
            )
          : answerLine(end, index, countsAt(index, poll), 12),
      );
    }
  }
  return { lines, start, end };
}

/** Writes the lines to a new file (gzip members of ~3 s when asked); its path. */
export function writeRecording(
  lines: readonly string[],
  options: { gzip?: boolean; name?: string } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-replay-'));
  const path = join(dir, options.name ?? (options.gzip ? 'fleet.ndjson.gz' : 'fleet.ndjson'));
  if (!options.gzip) {
    writeFileSync(path, lines.join(''));
    return path;
  }
  const members: Buffer[] = [];
  let batch: string[] = [];
  let batchStart: number | null = null;
  for (const line of lines) {
    const t = Number(/"t":(\d+)/.exec(line)?.[1]);
    if (batchStart !== null && t - batchStart >= 3000) {
      members.push(gzipSync(batch.join('')));
      batch = [];
      batchStart = null;
    }
    batchStart ??= t;
    batch.push(line);
  }
  if (batch.length) members.push(gzipSync(batch.join('')));
  writeFileSync(path, Buffer.concat(members));
  return path;
}
