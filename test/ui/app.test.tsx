import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { plain } from '../helpers/plain.js';
import { renderApp, tick } from '../helpers/ui-fixture.js';

const rowOf = (lines: string[], name: string) => lines.findIndex((line) => plain(line).includes(name));

afterEach(() => cleanup());

test('header, column headings and one row per instance, within the terminal size', async () => {
  const app = renderApp(['alpha', 'beta', 'gamma']);
  app.answer(0, { total: 36, active: 12, slowSql: 1, lock: 0 });
  app.answer(1, { total: 5 });
  app.answer(2, { total: 7 });
  await tick();
  const lines = app.lines().map(plain);
  assert.equal(lines.length, 20);
  assert.ok(
    lines.every((line) => stringWidth(line) <= 100),
    'no line wider than the terminal',
  );
  assert.match(
    lines[0] ?? '',
    /gaussdb-top cn-north-4 {2}3 instances {2}3\/3 OK {2}● LIVE {2}changed \d\d:\d\d:\d\d/,
  );
  assert.match(lines[1] ?? '', /Σ total 48 {2}active 14 {2}slow SQL 1 {2}locks 0/);
  assert.match(lines[2] ?? '', /INSTANCE\s+LEVEL↓\s+TOTAL\s+ACTIVE\s+SLOW SQL\s+LOCKS\s+ACTIVE \/12m\s+AGE/);
  const alpha = lines[rowOf(lines, 'alpha')] ?? '';
  const heading = lines[2] ?? '';
  assert.equal(
    alpha.indexOf('36') + 2,
    heading.indexOf('TOTAL') + 5,
    'numbers right-aligned under their heading',
  );
  assert.match(alpha, /· ok/);
});

test('default sort: worst first, ties by name; crit is marked in words, not only colour', async () => {
  const app = renderApp(['delta', 'alpha', 'charlie', 'bravo']);
  app.answer(0, { lock: 50 });
  app.answer(1, {});
  app.answer(2, { active: 60 });
  app.fail(3);
  await tick();
  const lines = app.lines().map(plain);
  const order = ['delta', 'bravo', 'charlie', 'alpha'].map((name) => rowOf(lines, name));
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
    `crit, error, warn, ok: ${order}`,
  );
  assert.match(lines[order[0] ?? 0] ?? '', /✖ CRIT/);
  assert.match(lines[order[2] ?? 0] ?? '', /▲ warn/);
  assert.deepEqual(app.titles.at(-1), 'gaussdb-top: 1 CRIT 1 WARN 1 ERR');
});

test('an instance in error keeps its last values, shows the code, and its age', async () => {
  const app = renderApp(['alpha']);
  app.answer(0, { total: 42 });
  app.clock.advance(20_000);
  app.fail(0);
  await tick();
  const row = plain(app.lines()[rowOf(app.lines(), 'alpha')] ?? '');
  assert.match(row, /\? ERROR 0s\s+42/, 'the level says how long it has held');
  assert.match(row, /20s\s+DBS\.200002 The i/);
  assert.match(app.lines().map(plain)[0] ?? '', /0\/1 OK/);
});

test('stale data says how old it is; fresh data shows no age', async () => {
  const app = renderApp(['alpha', 'beta']);
  app.answer(0, {});
  app.answer(1, {});
  await tick();
  assert.doesNotMatch(plain(app.lines()[rowOf(app.lines(), 'alpha')] ?? ''), /\d+[sm]\s*$/);
  app.clock.advance(60_000);
  app.answer(1, {});
  await tick();
  assert.match(plain(app.lines()[rowOf(app.lines(), 'alpha')] ?? ''), /1m\s*$/);
  assert.doesNotMatch(plain(app.lines()[rowOf(app.lines(), 'beta')] ?? ''), /1m/);
});

test('with nothing arriving at all, fresh rows still turn stale on time', async () => {
  const app = renderApp(['alpha']);
  app.answer(0, {});
  await tick();
  assert.doesNotMatch(plain(app.lines()[rowOf(app.lines(), 'alpha')] ?? ''), /\d+[sm]\s*$/);
  await app.timers.advance(90_000);
  await tick();
  assert.match(
    plain(app.lines()[rowOf(app.lines(), 'alpha')] ?? ''),
    /1m\s*$/,
    'the age appears without any new data',
  );
});

test('p and space toggle pause; PAUSED shows in the header', async () => {
  const app = renderApp(['alpha']);
  await app.press('p');
  assert.match(plain(app.lines()[0] ?? ''), /❚❚ PAUSED/);
  await app.press(' ');
  assert.match(plain(app.lines()[0] ?? ''), /● LIVE/);
  assert.deepEqual(app.calls, ['togglePause', 'togglePause']);
});

test('l switches every label to Chinese, columns stay aligned, and back', async () => {
  const app = renderApp(['订单库-01', 'alpha']);
  app.answer(0, { total: 123 });
  app.answer(1, { total: 7 });
  await app.press('l');
  assert.deepEqual(app.calls, ['setLanguage:zh-cn']);
  const lines = app.lines().map(plain);
  assert.match(lines[0] ?? '', /2 个实例 {2}2\/2 正常 {2}● 实时/);
  assert.match(lines[2] ?? '', /实例\s+级别↓\s+总会话\s+活跃\s+慢SQL\s+锁等待/);
  const heading = lines[2] ?? '';
  const totalEnd = stringWidth(heading.slice(0, heading.indexOf('总会话'))) + stringWidth('总会话');
  for (const name of ['订单库-01', 'alpha']) {
    const row = lines[rowOf(lines, name)] ?? '';
    const upToTotal = /^.*?· 正常\s+\d+/.exec(row)?.[0] ?? '';
    assert.equal(stringWidth(upToTotal), totalEnd, `aligned in cells: ${row}`);
  }
  assert.match(lines.at(-1) ?? '', /排序：严重程度 {2}q 退出/);
  await app.press('l');
  assert.match(plain(app.lines()[0] ?? ''), /OK/);
});

test('r, + and - reach the monitor', async () => {
  const app = renderApp(['alpha']);
  await app.press('r', '+', '-');
  assert.deepEqual(app.calls, ['refreshNow', 'stepInterval:1', 'stepInterval:-1']);
});

test('moving: j k arrows g G PgDn PgUp; the selection follows the instance, not the row', async () => {
  const names = Array.from({ length: 40 }, (_, index) => `db-${String(index).padStart(2, '0')}`);
  const app = renderApp(names, { width: 100, height: 12 }, { freezeMs: 1000 });
  for (const index of names.keys()) app.answer(index, {});
  await tick();
  const selectedName = () => /› (db-\d\d)/.exec(plain(app.frame()))?.[1];
  assert.equal(selectedName(), 'db-00');
  await app.press('j', 'j', '\u001B[B');
  assert.equal(selectedName(), 'db-03');
  await app.press('k', '\u001B[A');
  assert.equal(selectedName(), 'db-01');
  await app.press('G');
  assert.equal(selectedName(), 'db-39');
  assert.equal(app.lines().length, 12, 'the frame never exceeds the rows, however many instances');
  await app.press('g');
  assert.equal(selectedName(), 'db-00');
  await app.press('\u001B[6~');
  assert.equal(selectedName(), 'db-08');
  await app.press('\u001B[5~');
  assert.equal(selectedName(), 'db-00');
  await app.press('j', 'j');
  assert.equal(selectedName(), 'db-02');

  // db-02 turns crit: while the order is held it stays put, then it moves to the top and stays selected.
  app.answer(2, { lock: 99 });
  await tick();
  assert.ok(rowOf(app.lines(), 'db-02') > rowOf(app.lines(), 'db-01'), 'rows do not jump right after a key');
  app.clock.advance(1500);
  app.answer(5, {});
  await tick();
  assert.equal(rowOf(app.lines(), 'db-02'), 3, 'now sorted worst first');
  assert.equal(selectedName(), 'db-02', 'the selection followed the instance');
});

test('/ filters by name or id; Enter keeps it, Esc clears it', async () => {
  const app = renderApp(['orders-1', 'billing-1', 'orders-2']);
  await app.press('/', 'o', 'r', 'd');
  assert.match(plain(app.lines().at(-1) ?? ''), /filter: ord/);
  await app.press('\r');
  let lines = app.lines().map(plain);
  assert.equal(rowOf(lines, 'billing-1'), -1);
  assert.ok(rowOf(lines, 'orders-2') > 0);
  assert.match(lines.at(-1) ?? '', /filter: ord \(2 of 3 shown\)/);
  await app.press('\u001B');
  await tick();
  lines = app.lines().map(plain);
  assert.ok(rowOf(lines, 'billing-1') > 0);
  await app.press('/', 'z', 'z', 'z', '\r');
  assert.match(app.frame(), /No instance matches the filter/);
});

test('s cycles the sort column, S reverses it', async () => {
  const app = renderApp(['b', 'a', 'c']);
  app.answer(0, { total: 5 });
  app.answer(1, { total: 50 });
  app.answer(2, { total: 500 });
  await app.press('s');
  let lines = app.lines().map(plain);
  assert.match(lines[2] ?? '', /INSTANCE↓/);
  assert.ok(rowOf(lines, ' a ') < rowOf(lines, ' b ') && rowOf(lines, ' b ') < rowOf(lines, ' c '));
  await app.press('s');
  lines = app.lines().map(plain);
  assert.match(lines[2] ?? '', /TOTAL↓/);
  assert.ok(rowOf(lines, ' c ') < rowOf(lines, ' a '));
  await app.press('S');
  lines = app.lines().map(plain);
  assert.match(lines[2] ?? '', /TOTAL↑/);
  assert.ok(rowOf(lines, ' b ') < rowOf(lines, ' c '));
});

test('a terminal below the minimum says how much room it needs', () => {
  const app = renderApp(['alpha'], { width: 40, height: 5 });
  assert.equal(plain(app.frame()).trimEnd(), 'Terminal too small: need 60×8, have 40×5');
});

test('q and Ctrl-C quit', async () => {
  for (const key of ['q', '\u0003']) {
    const app = renderApp(['alpha']);
    await app.press(key);
    // Once the app has exited, keys reach nothing: p no longer pauses.
    await app.press('p');
    assert.deepEqual(app.calls, [], `${JSON.stringify(key)} quit`);
    cleanup();
  }
  const stays = renderApp(['alpha']);
  await stays.press('x', 'p');
  assert.deepEqual(stays.calls, ['togglePause'], 'an unbound key does not quit');
});

test('keys arriving in one chunk each count (fast typing, tmux send-keys)', async () => {
  const app = renderApp(['a-1', 'a-2', 'a-3', 'b-1']);
  for (const index of [0, 1, 2, 3]) app.answer(index, {});
  await app.press('jj');
  assert.match(plain(app.frame()), /› a-3/);
  await app.press('/b-\r');
  const lines = app.lines().map(plain);
  assert.equal(rowOf(lines, 'a-1'), -1);
  assert.ok(rowOf(lines, 'b-1') > 0);
});

test('--ascii: the same screen with ASCII marks only', async () => {
  const app = renderApp(['alpha', 'beta'], { width: 100, height: 20 }, { ascii: true });
  app.answer(0, { lock: 50 });
  app.answer(1, {});
  await tick();
  const frame = plain(app.frame());
  assert.match(frame, /> alpha\s+X CRIT/);
  assert.match(frame, /beta\s+\. ok/);
  assert.match(frame, /\* LIVE/);
  assert.match(frame, /sum total 20/);
  assert.match(frame, /LEVELv/);
  // Only ASCII, and Chinese (two cells wide everywhere) for the language switch.
  const others = [...frame].filter(
    (character) => character.charCodeAt(0) >= 128 && !/\p{Script=Han}/u.test(character),
  );
  assert.deepEqual(others, []);
});
