import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { plain } from '../helpers/plain.js';
import { renderApp, tick } from '../helpers/ui-fixture.js';

const rowOf = (lines: string[], name: string) => lines.find((line) => line.includes(` ${name} `)) ?? '';
const names = (count: number) =>
  Array.from({ length: count }, (_, index) => `db-${String(index).padStart(2, '0')}`);

afterEach(() => cleanup());

test('throttling does not stretch freshness: after 30 s of 429s every row shows its age and none counts as OK', async () => {
  // 20 instances every 5 s at 10 req/s: each is asked every 5 s, so data is stale after 2 × 5 s + 3 s.
  const app = renderApp(names(20), { width: 120, height: 30 });
  for (let index = 0; index < 20; index++) app.answer(index, {});
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /20\/20 OK/);
  // The API answers 429: the rate is halved down to its floor and every request is held.
  app.store.setStatus({ effectiveRate: 0.5, throttledUntil: app.clock.monotonic() + 120_000 });
  await app.timers.advance(31_000);
  await tick();
  const lines = app.lines().map(plain);
  assert.match(lines[0] ?? '', /0\/20 OK/, `nothing answered for 30 s: ${lines[0]}`);
  for (const name of names(20)) assert.match(rowOf(lines, name), /30s\s*$/, `${name} shows its age`);
});

test('the rule is twice the interval and 3 s, whatever the effective rate', async () => {
  const app = renderApp(names(2), { width: 120, height: 20 }, { intervalMs: 10_000 });
  app.answer(0, {});
  app.answer(1, {});
  app.store.setStatus({ effectiveRate: 0.5 });
  await app.timers.advance(23_000);
  await tick();
  assert.doesNotMatch(rowOf(app.lines().map(plain), 'db-00'), /\d+s\s*$/, 'still fresh at 23 s');
  await app.timers.advance(1_000);
  await tick();
  assert.match(rowOf(app.lines().map(plain), 'db-00'), /20s\s*$/, 'stale at 24 s (coarse label)');
});

test('a partial sum says what it covers', async () => {
  const app = renderApp(names(10), { width: 120, height: 20 });
  for (let index = 0; index < 10; index++) app.answer(index, { total: 400 });
  await tick();
  assert.match(plain(app.lines()[1] ?? ''), /^Σ total 4000 {2}active 10/);
  await app.timers.advance(20_000);
  for (const index of [0, 1, 2]) app.answer(index, { total: 100 });
  await tick();
  const line = plain(app.lines()[1] ?? '');
  assert.match(line, /^Σ over 3\/10: total 300 {2}active 3/, line);
});

test('a partial sum survives 60 columns and Chinese', async () => {
  const app = renderApp(names(4), { width: 60, height: 12 });
  for (let index = 0; index < 4; index++) app.answer(index, {});
  app.fail(3);
  await app.press('l');
  assert.match(plain(app.lines()[1] ?? ''), /^Σ 3\/4 实例：总会话 30/);
});

test('no fresh data at all: the sum says so instead of showing zeros', async () => {
  const app = renderApp(names(3), { width: 100, height: 12 });
  for (let index = 0; index < 3; index++) app.answer(index, { total: 50 });
  await app.timers.advance(60_000);
  await tick();
  const line = plain(app.lines()[1] ?? '');
  assert.match(line, /^Σ no fresh data/, line);
  assert.doesNotMatch(line, /total 0/);
});

test('an instance that errors still counts by its last known level, in the title and the header', async () => {
  const app = renderApp(names(10), { width: 120, height: 20 });
  app.answer(0, { lock: 50 });
  app.answer(1, { active: 60 });
  app.answer(2, { slowSql: 5 });
  for (let index = 3; index < 10; index++) app.answer(index, {});
  await tick();
  assert.equal(app.titles.at(-1), 'gaussdb-top: 1 CRIT 2 WARN');
  for (let index = 0; index < 10; index++) app.fail(index, 'NETWORK', null);
  await tick();
  assert.equal(app.titles.at(-1), 'gaussdb-top: 1 CRIT 2 WARN 10 ERR');
  assert.match(plain(app.lines()[0] ?? ''), /0\/10 OK {2}1 CRIT 2 WARN 10 ERR/);
});

test('the header counts levels too, in Chinese', async () => {
  const app = renderApp(names(3), { width: 120, height: 20 });
  app.answer(0, { lock: 50 });
  app.answer(1, {});
  app.fail(2);
  await app.press('l');
  assert.match(plain(app.lines()[0] ?? ''), /2\/3 正常 {2}1 严重 1 错误/);
  assert.equal(app.titles.at(-1), 'gaussdb-top: 1 严重 1 错误');
});

test('a fleet that never answered: rows say waiting, not ok, and the header says NO DATA YET once that lasts', async () => {
  const app = renderApp(['alpha', 'bravo'], { width: 80, height: 12 }, { intervalMs: 1000 });
  await tick();
  assert.match(rowOf(app.lines().map(plain), 'alpha'), /… waiting/);
  assert.doesNotMatch(rowOf(app.lines().map(plain), 'alpha'), /ok/);
  assert.doesNotMatch(plain(app.lines()[0] ?? ''), /NO DATA/, 'not before data could have been expected');
  await app.timers.advance(10_000);
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /^NO DATA YET \(\d+s\)/);
  await app.press('l');
  await app.timers.advance(1000);
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /^尚无数据 \(\d+s\)/);
  assert.match(rowOf(app.lines().map(plain), 'alpha'), /… 等待中/);
});
