// Defect demonstrations (attack2): recordings and outputs the way users' systems treat files. Each test
// fails on the code it was written against.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { syntheticLines } from '../helpers/synthetic-recording.js';

const hasGzip = spawnSync('gzip', ['--version']).status === 0;
const events = (stdout: string) => stdout.split('\n').filter(Boolean);

describe('replay of a recording compressed afterwards', { skip: !hasGzip && 'gzip is not installed' }, () => {
  test('`gzip fleet.ndjson` (what logrotate compress does) replays like the plain file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-attack2-gz-'));
    const plain = join(dir, 'fleet.ndjson');
    writeFileSync(plain, `${syntheticLines({ minutes: 2 }).lines.join('\n')}\n`);
    const env = cleanEnv({ TZ: 'UTC' });
    const fromPlain = await runCli(['replay', plain, '--json'], env);
    assert.equal(fromPlain.code, 0, fromPlain.stderr);
    assert.ok(events(fromPlain.stdout).length > 10);
    // gzip(1) writes the file's name and time into the header (FNAME, MTIME), as logrotate's does.
    execFileSync('gzip', ['-k', plain]);
    const fromGzip = await runCli(['replay', `${plain}.gz`, '--json'], env);
    assert.equal(fromGzip.code, 0, `replay of gzip(1)'s file: ${fromGzip.stderr}`);
    assert.deepEqual(events(fromGzip.stdout), events(fromPlain.stdout));
  });
});

// The child's stdout is /dev/full: every write fails with ENOSPC, as on a full disk.
describe('output that cannot be written (a full disk)', {
  skip: !existsSync('/dev/full') && 'no /dev/full',
}, () => {
  for (const [what, args] of [
    ['--once --json', ['--demo', '--once', '--json']],
    ['replay --json', ['replay', 'RECORDING', '--json']],
  ] as const) {
    test(`${what} > /dev/full: one line naming the failure, non-zero, no stack trace`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-attack2-full-'));
      const recording = join(dir, 'fleet.ndjson');
      writeFileSync(recording, `${syntheticLines({ minutes: 1 }).lines.join('\n')}\n`);
      const argv = args.map((arg) => (arg === 'RECORDING' ? recording : arg));
      const result = spawnSync(
        'sh',
        ['-c', `exec "$0" "$@" > /dev/full`, process.execPath, binPath(), ...argv],
        { env: cleanEnv(), encoding: 'utf8', timeout: 30_000 },
      );
      assert.notEqual(result.status, 0);
      assert.doesNotMatch(result.stderr, /^\s+at /m, `a stack trace:\n${result.stderr}`);
      assert.match(result.stderr, /^gaussdb-top: .*(ENOSPC|disk full|no space)/m);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    });
  }

  test('--json --watch > /dev/full: not the exit status of a reader that went away (0)', () => {
    const result = spawnSync(
      'sh',
      [
        '-c',
        `exec "$0" "$@" > /dev/full`,
        process.execPath,
        binPath(),
        '--demo',
        '--json',
        '--watch',
        '--interval',
        '1',
        '--count',
        '2',
      ],
      { env: cleanEnv(), encoding: 'utf8', timeout: 30_000 },
    );
    assert.notEqual(result.status, 0, 'every document was lost: that is a failure');
    assert.match(result.stderr, /ENOSPC|disk full|no space/, 'and stderr says why');
  });
});

function binPath(): string {
  return new URL('../../bin/gaussdb-top.js', import.meta.url).pathname;
}

describe('--record to a FIFO nobody reads', () => {
  test('--once --record FIFO with no reader: refused, or a warning that nothing was recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-attack2-fifo-'));
    const fifo = join(dir, 'fleet.ndjson');
    execFileSync('mkfifo', [fifo]);
    const result = await runCli(['--demo', '--once', '--record', fifo], cleanEnv());
    // Either refused up front like a FIFO token file (exit 2), or a warning that nothing was recorded.
    assert.ok(
      result.code === 2 || /record/i.test(result.stderr),
      `exit ${result.code}, stderr: ${JSON.stringify(result.stderr)}`,
    );
  });
});

describe('--record to a file that is not a recording', () => {
  test('an existing text file is refused with one line, exit 2, and left as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-attack2-notes-'));
    const notes = join(dir, 'notes.txt');
    const text = 'my notes from the incident\nsecond line\n';
    writeFileSync(notes, text);
    const result = await runCli(['--demo', '--once', '--record', notes], cleanEnv());
    assert.equal(readFileSync(notes, 'utf8'), text, 'the file was appended to');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /notes\.txt/);
  });
});
