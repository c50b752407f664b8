import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { readRecording } from '../../source/record/read-lines.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

const token = 'Tok-Watch-Record-41c7';

describe('--json --watch and --record against the emulator', () => {
  let emulator: Emulator;
  let target: string[];
  const env = () => cleanEnv({ GAUSSDB_TOKEN: token });

  before(async () => {
    emulator = await startEmulator({ instances: 4, credentials: { token } });
    target = [...targetFlags(emulator)];
  });
  after(() => emulator.close());

  test('--count N: N lines, each one --once --json document, and exit 0 when all answered', async () => {
    const before = emulator.stats().overviewRequests;
    const result = await runCli([...target, '--json', '--watch', '--count', '3', '--interval', '1'], env());
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.endsWith('\n'));
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    for (const line of lines) {
      const document = JSON.parse(line) as {
        time: string;
        instances: { total_num: number; level: string }[];
      };
      assert.equal(document.instances.length, 4);
      assert.ok(document.instances.every((row) => Number.isInteger(row.total_num) && row.level !== 'error'));
    }
    // A document per poll cycle: the instances were asked again between documents.
    assert.ok(emulator.stats().overviewRequests - before >= 4 * 2);
    assert.ok(!result.stdout.includes(token) && !result.stderr.includes(token));
  });

  test('an instance that fails is in every document with its error, and the exit status says so', async () => {
    const failing = emulator.instances[1]?.id ?? '';
    emulator.setFault(failing, { kind: 'status', status: 500, body: 'json' });
    try {
      const result = await runCli([...target, '--json', '--watch', '--count', '2', '--interval', '1'], env());
      assert.equal(result.code, 1, result.stderr);
      for (const line of result.stdout.trimEnd().split('\n')) {
        const row = (
          JSON.parse(line) as { instances: { instance_id: string; error: unknown }[] }
        ).instances.find((entry) => entry.instance_id === failing);
        assert.ok(row?.error, line);
      }
    } finally {
      emulator.setFault(failing, undefined);
    }
  });

  test('flags that do not go together are refused with one line and exit 2', async () => {
    for (const [args, message] of [
      [['--watch'], /--watch needs --json/],
      [['--watch', '--json', '--once'], /--watch and --once exclude each other/],
      [['--json', '--count', '2', '--once'], /--count needs --watch/],
      [['--json', '--watch', '--count', '0'], /--count must be a whole number >= 1, got "0"/],
      [['--once', '--record-max', '1G'], /--record-max needs --record/],
      [['--once', '--record', 'x', '--record-max', '12'], /--record-max must be a size .* got "12"/],
      [['--once', '--record', 'x', '--record-max', 'lots'], /got "lots"/],
    ] as const) {
      const result = await runCli([...target, ...args], env());
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1);
      assert.equal(result.stdout, '');
    }
  });

  test('--once --record: the round is in the file; a second run appends; a device is refused', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-cli-rec-')), 'fleet.ndjson.gz');
    for (let run = 0; run < 2; run++) {
      const result = await runCli([...target, '--once', '--record', file], env());
      assert.equal(result.code, 0, result.stderr);
    }
    const { lines, garbage } = await readRecording(file);
    assert.equal(garbage, 0);
    const sessions = lines.filter((line) => 'gaussdb_top_recording' in line);
    assert.equal(sessions.length, 2);
    assert.equal(lines.filter((line) => 'n' in line).length, 8);
    assert.ok(!readFileSync(file, 'latin1').includes(token));

    // A device takes the lines and keeps nothing (/dev/full fails them, /dev/null drops them): refused
    // before polling. A file that fails later only warns (test/record/recording.test.ts, serve-recording).
    const full = await runCli([...target, '--once', '--record', '/dev/full'], env());
    assert.equal(full.code, 2);
    assert.match(
      full.stderr,
      /^gaussdb-top: --record \/dev\/full is not a regular file \(a character device\)\n$/,
    );
    assert.equal(full.stdout, '');
  });

  test('--json --watch --record: the recording holds what the documents showed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-cli-rec-')), 'watch.ndjson');
    const result = await runCli(
      [...target, '--json', '--watch', '--count', '2', '--interval', '1', '--record', file],
      env(),
    );
    assert.equal(result.code, 0, result.stderr);
    const last = JSON.parse(result.stdout.trimEnd().split('\n').at(-1) ?? '') as {
      instances: { instance_id: string; total_num: number }[];
    };
    const { lines } = await readRecording(file);
    const table = (lines[0]?.instances ?? []) as { i: number; instance_id: string }[];
    for (const row of last.instances) {
      const index = table.find((entry) => entry.instance_id === row.instance_id)?.i;
      const answers = lines.filter((line) => line.i === index && 'n' in line);
      assert.ok(answers.length >= 1);
      assert.equal((answers.at(-1)?.n as number[] | undefined)?.[0], row.total_num);
    }
    assert.equal(lines.at(-1)?.stop, true);
  });
});
