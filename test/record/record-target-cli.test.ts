// `--record` to paths that are not a recording to append to: each refused with one line naming the
// path, exit 2, before anything is polled, and the file left as it was. What is a recording is taken.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { nodeFileSystem } from '../../source/record/file-system.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { syntheticLines } from '../helpers/synthetic-recording.js';

const folder = () => mkdtempSync(join(tmpdir(), 'gaussdb-top-record-target-'));
const once = (path: string) => runCli(['--demo', '--once', '--record', path], cleanEnv());

function assertRefused(result: { code: number | null; stdout: string; stderr: string }, pattern: RegExp) {
  assert.equal(result.code, 2, `exit ${result.code}: ${result.stderr}`);
  assert.equal(result.stdout, '', 'nothing polled, nothing printed');
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, pattern);
}

describe('--record to a file that is not a recording', () => {
  test('an existing text file is refused with one line, exit 2, and left as it was', async () => {
    const notes = join(folder(), 'notes.txt');
    const text = 'my notes from the incident\nsecond line\n';
    writeFileSync(notes, text);
    const result = await once(notes);
    assert.equal(readFileSync(notes, 'utf8'), text, 'the file was appended to');
    assertRefused(result, /^gaussdb-top: --record \S*notes\.txt is not a recording/);
  });

  test('a file whose first line is JSON but not a session line is refused too', async () => {
    const other = join(folder(), 'other.ndjson');
    writeFileSync(other, '{"level":"info","msg":"another program"}\n');
    assertRefused(await once(other), /other\.ndjson is not a recording/);
  });

  test('a non-gzip file named .gz is refused', async () => {
    const file = join(folder(), 'fleet.ndjson.gz');
    writeFileSync(file, 'plain text\n');
    assertRefused(await once(file), /fleet\.ndjson\.gz is not a gzip recording/);
  });

  test('an existing recording is appended to, and an empty file is taken', async () => {
    const dir = folder();
    const recording = join(dir, 'fleet.ndjson');
    const earlier = `${syntheticLines({ minutes: 1 }).lines.join('\n')}\n`;
    writeFileSync(recording, earlier);
    const appended = await once(recording);
    assert.equal(appended.code, 0, appended.stderr);
    const now = readFileSync(recording, 'utf8');
    assert.ok(now.startsWith(earlier) && now.length > earlier.length, 'the recording grew');
    const empty = join(dir, 'empty.ndjson');
    writeFileSync(empty, '');
    const fresh = await once(empty);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.match(readFileSync(empty, 'utf8'), /^\{"gaussdb_top_recording":/);
  });
});

describe('--record to what is not a regular file', () => {
  test('a FIFO nobody reads is refused up front (it took the lines and kept nothing, exit 0)', async () => {
    const fifo = join(folder(), 'fleet.ndjson');
    execFileSync('mkfifo', [fifo]);
    assertRefused(await once(fifo), /fleet\.ndjson is not a regular file \(a FIFO\)/);
  });

  test('a directory and a device are refused by what they are', async () => {
    const dir = join(folder(), 'recordings');
    mkdirSync(dir);
    assertRefused(await once(dir), /recordings is not a regular file \(a directory\)/);
    assertRefused(await once('/dev/null'), /\/dev\/null is not a regular file \(a character device\)/);
  });

  test('the writer itself opens regular files only: a FIFO there fails with ENOTREG, without hanging', async () => {
    const fifo = join(folder(), 'swapped.ndjson');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(nodeFileSystem.openAppend(fifo), { code: 'ENOTREG' });
  });
});

describe('--record where the directory is missing', () => {
  test('a dangling symbolic link names the link and its target, not "no such directory"', async () => {
    const dir = folder();
    const link = join(dir, 'fleet.ndjson');
    symlinkSync(join(dir, 'gone', 'fleet.ndjson'), link);
    assertRefused(
      await once(link),
      /fleet\.ndjson is a symbolic link to \S*gone\/fleet\.ndjson, whose directory/,
    );
  });

  test('a path in a directory that does not exist names the directory', async () => {
    const path = join(folder(), 'nope', 'fleet.ndjson');
    assertRefused(await once(path), /is in a directory that does not exist \(\S*nope\)/);
  });
});
