// A recording compressed after the fact, the way users' systems do it: `gzip fleet.ndjson`, logrotate's
// `compress`, Python's gzip. Their headers carry a name, a time and other flags, and the whole file is
// one member: it must replay like the plain file, seeks included.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { recordingStart, syntheticLines } from '../helpers/synthetic-recording.js';

const hasGzip = spawnSync('gzip', ['--version']).status === 0;
const events = (stdout: string) => stdout.split('\n').filter(Boolean);
const iso = (at: number) => new Date(at).toISOString();

describe('replay of a recording compressed by gzip(1)', { skip: !hasGzip && 'gzip is not installed' }, () => {
  test('`gzip fleet.ndjson` (what logrotate compress does) replays like the plain file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-gzip1-'));
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

  test("a seek into the middle of gzip(1)'s file gives what the plain file gives", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-gzip1-seek-'));
    const plain = join(dir, 'fleet.ndjson');
    writeFileSync(plain, `${syntheticLines({ minutes: 5 }).lines.join('\n')}\n`);
    execFileSync('gzip', ['-k', '-9', plain]);
    const env = cleanEnv({ TZ: 'UTC' });
    const window = ['--json', '--from', iso(recordingStart + 150_000), '--to', iso(recordingStart + 200_000)];
    const fromPlain = await runCli(['replay', plain, ...window], env);
    const fromGzip = await runCli(['replay', `${plain}.gz`, ...window], env);
    assert.equal(fromGzip.code, 0, fromGzip.stderr);
    assert.ok(events(fromPlain.stdout).length > 5, fromPlain.stderr);
    assert.deepEqual(events(fromGzip.stdout), events(fromPlain.stdout));
  });
});
