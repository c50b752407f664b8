// What `replay` is given that it cannot use is named for what it is: a directory or a FIFO is not
// "no such recording", a date that does not exist is not "outside the recording", and a flag that would
// be ignored is refused.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseReplayTime } from '../../source/feed/replay-time.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { syntheticLines } from '../helpers/synthetic-recording.js';

const env = () => cleanEnv({ TZ: 'UTC' });

function assertRefused(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp) {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, pattern);
}

test('replay of a directory or a FIFO says what it is (and does not wait on the FIFO)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-replay-kind-'));
  const folder = join(dir, 'recordings');
  mkdirSync(folder);
  assertRefused(
    await runCli(['replay', folder, '--json'], env()),
    /recordings is not a recording: .*\(a directory\)/,
  );
  const fifo = join(dir, 'fleet.ndjson');
  execFileSync('mkfifo', [fifo]);
  assertRefused(
    await runCli(['replay', fifo, '--json'], env()),
    /fleet\.ndjson is not a recording: .*\(a FIFO\)/,
  );
});

test('--from a date that does not exist is "not a time", not "outside the recording"', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-replay-date-')), 'fleet.ndjson');
  writeFileSync(file, `${syntheticLines({ minutes: 1 }).lines.join('\n')}\n`);
  assertRefused(
    await runCli(['replay', file, '--json', '--from', '2026-02-30T03:12'], env()),
    /--from "2026-02-30T03:12" is not a time/,
  );
});

test('replay --json --at without --once is refused by name, not silently all the events', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-replay-at-')), 'fleet.ndjson');
  writeFileSync(file, `${syntheticLines({ minutes: 1 }).lines.join('\n')}\n`);
  assertRefused(
    await runCli(['replay', file, '--json', '--at', '03:12'], env()),
    /--at with --json needs --once/,
  );
});

test('dates are checked against the calendar at their edges', () => {
  const range = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2029, 0, 1) };
  const near = range.start;
  for (const text of [
    '2026-02-29T00:00Z',
    '2026-02-30T00:00Z',
    '2026-04-31T12:00Z',
    '2026-13-01T00:00Z',
    '2026-00-10T00:00Z',
    '2026-01-10T24:00Z',
  ])
    assert.deepEqual(parseReplayTime(text, range, near), { problem: 'unreadable' }, text);
  for (const [text, at] of [
    ['2026-02-28T23:59:59Z', Date.UTC(2026, 1, 28, 23, 59, 59)],
    ['2028-02-29T00:00Z', Date.UTC(2028, 1, 29)],
    ['2026-04-30T12:00Z', Date.UTC(2026, 3, 30, 12)],
  ] as const)
    assert.deepEqual(parseReplayTime(text, range, near), { at }, text);
});
