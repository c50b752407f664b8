// Output that cannot be written. The child's stdout is /dev/full: every write fails with ENOSPC, as on
// a full disk. Only a reader going away (EPIPE) ends a run quietly; anything else lost output the
// user asked for and says so.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { onStdoutError } from '../../source/modes/stdout-errors.js';
import { binPath, cleanEnv } from '../helpers/run-cli.js';
import { syntheticLines } from '../helpers/synthetic-recording.js';

/** Runs the binary with stdout on /dev/full (or, with `pipe`, into `| head -c1`). */
function run(argv: string[], into: '/dev/full' | 'pipe' = '/dev/full') {
  // pipefail: a failure of gaussdb-top is the pipeline's status, not hidden behind head's 0.
  const [shell, script] =
    into === 'pipe'
      ? ['bash', 'set -o pipefail; "$0" "$@" | head -c1 > /dev/null']
      : ['sh', 'exec "$0" "$@" > /dev/full'];
  return spawnSync(shell, ['-c', script, process.execPath, binPath, ...argv], {
    env: cleanEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('output to a full disk', { skip: !existsSync('/dev/full') && 'no /dev/full' }, () => {
  for (const [what, args] of [
    ['--once --json', ['--demo', '--once', '--json']],
    ['replay --json', ['replay', 'RECORDING', '--json']],
  ] as const) {
    test(`${what} > /dev/full: one line naming stdout and ENOSPC, non-zero, no stack trace`, () => {
      const recording = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-full-')), 'fleet.ndjson');
      writeFileSync(recording, `${syntheticLines({ minutes: 1 }).lines.join('\n')}\n`);
      const result = run(args.map((arg) => (arg === 'RECORDING' ? recording : arg)));
      assert.notEqual(result.status, 0);
      assert.doesNotMatch(result.stderr, /^\s+at /m, `a stack trace:\n${result.stderr}`);
      assert.equal(result.stderr, 'gaussdb-top: cannot write to stdout (ENOSPC)\n');
    });
  }

  test('--json --watch > /dev/full: not the exit status of a reader that went away (0)', () => {
    const result = run(['--demo', '--json', '--watch', '--interval', '1', '--count', '2']);
    assert.equal(result.status, 1, 'every document was lost: that is a failure');
    assert.equal(result.stderr, 'gaussdb-top: cannot write to stdout (ENOSPC)\n');
  });
});

describe('a reader that goes away', () => {
  test('--json --watch | head -c1: quiet, exit 0 (the reader chose to stop)', () => {
    const result = run(['--demo', '--json', '--watch', '--interval', '1'], 'pipe');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
  });
});

test('the shared helper: only EPIPE is the reader leaving; other codes are named once, odd ones as EIO', () => {
  const cases = [
    [{ code: 'EPIPE' }, 7, ''],
    [{ code: 'ENOSPC' }, 1, 'gaussdb-top: cannot write to stdout (ENOSPC)\n'],
    [{ code: 'EIO' }, 1, 'gaussdb-top: cannot write to stdout (EIO)\n'],
    [{ code: 'E\u001B[2Jx' }, 1, 'gaussdb-top: cannot write to stdout (EIO)\n'],
    [{}, 1, 'gaussdb-top: cannot write to stdout (EIO)\n'],
  ] as const;
  for (const [error, status, said] of cases) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const ends: number[] = [];
    const stop = onStdoutError(
      stdout,
      stderr,
      (code) => ends.push(code),
      () => 7,
    );
    stdout.emit('error', Object.assign(new Error('write failed'), error));
    // A second failure of the same run says nothing more.
    stdout.emit('error', Object.assign(new Error('write failed'), error));
    stop();
    assert.deepEqual(ends, [status], JSON.stringify(error));
    assert.equal(stderr.read()?.toString() ?? '', said);
  }
});
