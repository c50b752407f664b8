import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { lineCapBytes } from '../../source/record/recording-units.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { syntheticLines, writeRecording } from '../helpers/synthetic-recording.js';

const utc = () => cleanEnv({ TZ: 'UTC' });
const iso = (t: number) => new Date(t).toISOString();

type Line = Record<string, unknown> & { t: number };
const parse = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);

describe('replay of a recording the real recorder made from the emulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-replay-cli-'));
  const plain = join(dir, 'fleet.ndjson');
  const gzip = join(dir, 'fleet.ndjson.gz');
  let lines: Line[] = [];

  before(async () => {
    for (const path of [plain, gzip]) {
      const made = await runCli(
        ['--demo', '--json', '--watch', '--count', '4', '--interval', '1', '--record', path],
        utc(),
      );
      assert.equal(made.code, 0, made.stderr);
    }
    lines = parse(readFileSync(plain, 'utf8'));
  });

  for (const which of ['plain', 'gzip'] as const) {
    test(`${which}: --at --once --json prints each instance's last answer at that time`, async () => {
      const path = which === 'plain' ? plain : gzip;
      const recorded = which === 'plain' ? lines : parse(gunzipSync(readFileSync(path)).toString('utf8'));
      const session = recorded[0] as Line & { instances: { i: number; name: string }[] };
      const answers = recorded.filter((line) => Array.isArray(line.n));
      // Between the second and third round: some instances have answered twice, some three times.
      const at = (answers[Math.floor(answers.length / 2)] as Line).t;
      const result = await runCli(['replay', path, '--at', iso(at), '--once', '--json'], utc());
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      const document = JSON.parse(result.stdout) as { time: string; instances: Record<string, unknown>[] };
      assert.equal(document.time, iso(at));
      assert.equal(document.instances.length, session.instances.length);
      for (const entry of session.instances) {
        const last = answers.filter((line) => line.i === entry.i && line.t <= at).at(-1) as
          | (Line & { n: number[] })
          | undefined;
        const shown = document.instances.find((row) => row.name === entry.name);
        assert.ok(shown, entry.name);
        assert.deepEqual(
          [shown.total_num, shown.active_num, shown.slow_sql_num, shown.lock_num],
          last ? last.n : [null, null, null, null],
          entry.name,
        );
      }
    });
  }

  test('--from/--to --json prints exactly the events of the window, one JSON object a line', async () => {
    const answers = lines.filter((line) => Array.isArray(line.n));
    const from = (answers[5] as Line).t;
    const to = (answers[answers.length - 6] as Line).t;
    const result = await runCli(['replay', plain, '--json', '--from', iso(from), '--to', iso(to)], utc());
    assert.equal(result.code, 0, result.stderr);
    const events = parse(result.stdout) as unknown as { time: string; event: string; name: string }[];
    const expected = lines.filter((line) => line.t >= from && line.t <= to);
    assert.equal(events.length, expected.length);
    for (const [index, event] of events.entries()) assert.equal(event.time, iso((expected[index] as Line).t));
    assert.ok(events.every((event) => event.event !== 'answer' || typeof event.name === 'string'));
  });

  test('FILE.1 and FILE replay as one timeline', async () => {
    const split = mkdtempSync(join(tmpdir(), 'gaussdb-top-replay-rot-'));
    const text = readFileSync(plain, 'utf8').split('\n').filter(Boolean);
    const half = Math.floor(text.length / 2);
    // A rotation starts the new file with a session line, as the recorder's does.
    writeFileSync(join(split, 'fleet.ndjson.1'), `${text.slice(0, half).join('\n')}\n`);
    writeFileSync(join(split, 'fleet.ndjson'), `${[text[0], ...text.slice(half)].join('\n')}\n`);
    const result = await runCli(['replay', join(split, 'fleet.ndjson'), '--json'], utc());
    assert.equal(result.code, 0, result.stderr);
    assert.equal(parse(result.stdout).length, text.length + 1);
    const whole = await runCli(['replay', join(split, 'fleet.ndjson'), '--once', '--json'], utc());
    const alone = await runCli(['replay', plain, '--once', '--json'], utc());
    assert.equal(whole.stdout, alone.stdout);
  });
});

describe('replay of damaged and foreign recordings', () => {
  const { lines, start, end } = syntheticLines({ minutes: 3 });

  test('a partial last line is skipped with a note', async () => {
    const path = writeRecording(lines);
    appendFileSync(path, '{"t":99999999999999,"i":0,"n":[1,2');
    const result = await runCli(['replay', path, '--once', '--json'], utc());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^gaussdb-top: note: .*skipped 1 line cut short/);
    assert.equal(JSON.parse(result.stdout).time, iso(end));
  });

  test('garbage lines are counted, said and skipped', async () => {
    const damaged = [...lines];
    damaged.splice(10, 0, 'not json\n', '[1,2,3]\n', '{"t":"soon"}\n');
    const result = await runCli(['replay', writeRecording(damaged), '--json'], utc());
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, 'gaussdb-top: note: skipped 3 unreadable lines\n');
    assert.equal(parse(result.stdout).length, lines.length);
  });

  test('a line far longer than any event is skipped and counted, never held, and what follows is read', async () => {
    const damaged = [...lines];
    // Three times the longest line kept: a buffer doubling for it would reach tens of megabytes.
    damaged.splice(10, 0, `{"t":1,"junk":"${'x'.repeat(3 * lineCapBytes)}"}\n`);
    const result = await runCli(['replay', writeRecording(damaged), '--json'], utc());
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, 'gaussdb-top: note: skipped 1 unreadable line\n');
    assert.equal(parse(result.stdout).length, lines.length);
    assert.equal(JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '').time, iso(end));
  });

  test('a session line of a newer format stops with one line and exit 2', async () => {
    const newer = [
      ...lines,
      lines[0]?.replace('"gaussdb_top_recording":1', '"gaussdb_top_recording":2') ?? '',
    ];
    const result = await runCli(['replay', writeRecording(newer), '--once'], utc());
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^gaussdb-top: .*fleet\.ndjson was written by a newer gaussdb-top \(recording format 2; this gaussdb-top reads format 1\)/,
    );
    assert.equal(result.stderr.split('\n').length, 2);
  });

  test('a file that is not a recording, a missing one, and bad times are named, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-replay-bad-'));
    const foreign = join(dir, 'notes.txt');
    writeFileSync(foreign, 'hello\n{"t":1}\n');
    const cases: [string[], RegExp][] = [
      [['replay', foreign], /notes\.txt: not a gaussdb-top recording/],
      [['replay', join(dir, 'absent')], /absent: no such recording/],
      [['replay'], /replay needs a recording/],
      [['replay', writeRecording(lines), '--at', '25:99', '--once'], /--at "25:99" is not a time/],
      [
        ['replay', writeRecording(lines), '--at', iso(start - 3_600_000), '--once'],
        /--at ".*" is outside the recording \(2026-11-28 03:00:00 to 2026-11-28 03:02:55\)/,
      ],
      [['replay', writeRecording(lines), '--from', '03:01'], /--from and --to need --json/],
      [['replay', writeRecording(lines), '--interval', '3'], /--interval does not apply to replay/],
      // Replayed at up to 256x, a bell per transition would be noise, and none of it is news.
      [['replay', writeRecording(lines), '--bell'], /--bell does not apply to replay/],
      [['replay', writeRecording(lines), '--notify'], /--notify does not apply to replay/],
      [['--once', '--at', '03:01'], /--at needs the replay command/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, utc());
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /\n\s+at /);
    }
  });

  test('a clock time picks the recording day; the state then matches a copy replayed whole', async () => {
    const path = writeRecording(lines);
    const copy = `${path}.copy`;
    copyFileSync(path, copy);
    const byClock = await runCli(['replay', path, '--at', '03:01:30', '--once', '--json'], utc());
    const byIso = await runCli(['replay', copy, '--at', '2026-11-28T03:01:30Z', '--once', '--json'], utc());
    assert.equal(byClock.code, 0, byClock.stderr);
    assert.equal(byClock.stdout, byIso.stdout);
    assert.equal(JSON.parse(byClock.stdout).time, '2026-11-28T03:01:30.000Z');
  });

  test('a hostile name in a recording is escaped in JSON and replaced in the table', async () => {
    const hostile = lines.map((line, index) =>
      index === 0 ? line.replace('"db-0"', '"db\\u001b]0;pwned\\u0007-0"') : line,
    );
    const path = writeRecording(hostile);
    const table = await runCli(['replay', path, '--once'], utc());
    assert.ok(!table.stdout.includes('\u001b'));
    assert.match(table.stdout, /db\uFFFD\]0;pwned\uFFFD-0/);
    const json = await runCli(['replay', path, '--once', '--json'], utc());
    assert.ok(!json.stdout.includes('\u001b'));
  });
});
