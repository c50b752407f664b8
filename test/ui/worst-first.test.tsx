import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { plain } from '../helpers/plain.js';
import { renderApp, tick } from '../helpers/ui-fixture.js';

const rowOf = (lines: string[], name: string) => lines.findIndex((line) => plain(line).includes(name));
const lineOf = (lines: string[], name: string) => plain(lines[rowOf(lines, name)] ?? '');

afterEach(() => cleanup());

test('inside CRIT, the instance furthest past its thresholds comes first, then by name', async () => {
  const app = renderApp(['audit-09', 'orders-11', 'billing-02', 'users-03']);
  app.answer(0, { lock: 29 }); // 2.9 times its crit threshold
  app.answer(1, { active: 152, slowSql: 91 }); // 1.52 and 9.1 times theirs
  app.answer(2, { lock: 29 }); // as bad as audit-09: by name, after it
  app.answer(3, { lock: 5 }); // warn
  await tick();
  const lines = app.lines();
  const order = ['orders-11', 'audit-09', 'billing-02', 'users-03'].map((name) => rowOf(lines, name));
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
    'orders-11, then the two equally bad ones by name, then warn',
  );
});

test('a CRIT instance whose last attempt failed keeps its place among the worst, with its error', async () => {
  const app = renderApp(['alpha', 'bravo', 'charlie', 'delta']);
  app.answer(0, {});
  app.answer(1, { lock: 12 }); // crit, 1.2x
  app.answer(2, { lock: 90 }); // crit, 9x: the worst
  app.answer(3, {});
  app.fail(2, 'DBS.280001', 500);
  app.fail(0, 'DBS.200002', 404); // failing, never crit: below every crit instance
  await tick();
  const lines = app.lines();
  assert.ok(rowOf(lines, 'charlie') < rowOf(lines, 'bravo'), 'the failing crit instance is still first');
  assert.ok(rowOf(lines, 'bravo') < rowOf(lines, 'alpha'), 'then crit, then unreachable');
  assert.match(lineOf(lines, 'charlie'), /DBS\.280001/, 'its error is shown');
  assert.match(lineOf(lines, 'charlie'), /\b90\b/, 'and its last counts');
  assert.match(lineOf(lines, 'charlie'), /✖ CRIT/, 'and its last known level, not a bare ERROR');
  assert.match(lineOf(lines, 'alpha'), /ERROR/, 'an instance that was ok and now fails reads ERROR');
});

// A long interval keeps the rows fresh while the clock moves: only the level labels change.
const slow = { intervalMs: 600_000 };

test('each level says how long it has held; a recovery is marked for five minutes', async () => {
  const app = renderApp(['alpha', 'bravo'], undefined, slow);
  app.answer(0, {});
  app.answer(1, {});
  await tick();
  assert.match(lineOf(app.lines(), 'alpha'), /· ok\s+10/, 'a steady ok row says nothing more');
  app.answer(0, { lock: 50 });
  await app.timers.advance(4 * 60_000 + 1000);
  await tick();
  assert.match(lineOf(app.lines(), 'alpha'), /✖ CRIT 4m/, 'the label moves on without new data');
  app.answer(0, { lock: 50 });
  assert.match(lineOf(app.lines(), 'alpha'), /✖ CRIT 4m/, 'the same level keeps its start');
  app.answer(0, {});
  await app.timers.advance(2 * 60_000 + 1000);
  await tick();
  assert.match(lineOf(app.lines(), 'alpha'), /· ok ↺2m/, 'back to ok, marked');
  await app.timers.advance(3 * 60_000);
  await tick();
  assert.doesNotMatch(lineOf(app.lines(), 'alpha'), /↺/, 'the mark goes after five minutes');
  app.fail(1);
  await tick();
  assert.match(lineOf(app.lines(), 'bravo'), /\? ERROR 0s/);
});

test('details show the level with how long it has held', async () => {
  const app = renderApp(['alpha'], undefined, slow);
  app.answer(0, { active: 60 });
  await app.timers.advance(90_000);
  await app.press('d');
  assert.match(plain(app.frame()), /level\s+▲ warn 1m/);
});
