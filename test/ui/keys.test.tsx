import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { plain } from '../helpers/plain.js';
import { renderApp } from '../helpers/ui-fixture.js';

const selected = (frame: string) => /› (\S+)/.exec(plain(frame))?.[1];

afterEach(() => cleanup());

// tmux (escape-time 500) and a quick hand deliver "Esc then key" as one Meta+key sequence.
test('grid: Esc then / quickly (M-/) opens the filter; the letters after it are the filter, not commands', async () => {
  const app = renderApp(['billing-1', 'orders-1']);
  for (const index of [0, 1]) app.answer(index, {});
  await app.press('\u001B/');
  await app.press('b', 'i', 'l');
  assert.deepEqual(app.calls, [], 'no language switch, no page move');
  assert.match(plain(app.lines().at(-1) ?? ''), /filter: bil/);
});

test('grid: M-j is Esc (clears a kept filter) then j (moves)', async () => {
  const app = renderApp(['a-1', 'a-2', 'b-1']);
  for (const index of [0, 1, 2]) app.answer(index, {});
  await app.press('/', 'a', '\r');
  assert.match(plain(app.lines().at(-1) ?? ''), /filter: a /);
  await app.press('\u001Bj');
  assert.doesNotMatch(plain(app.lines().at(-1) ?? ''), /filter:/, 'Esc cleared the filter');
  assert.equal(selected(app.frame()), 'a-2', 'j moved down');
});

test('filter input: M-j ends the filter (Esc) and j moves', async () => {
  const app = renderApp(['a-1', 'a-2', 'b-1']);
  for (const index of [0, 1, 2]) app.answer(index, {});
  await app.press('/', 'a');
  await app.press('\u001Bj');
  const footer = plain(app.lines().at(-1) ?? '');
  assert.doesNotMatch(footer, /filter:/, `Esc cleared the filter: ${footer}`);
  assert.equal(selected(app.frame()), 'a-2');
});

test('details: M-j goes back (Esc) and then moves (j)', async () => {
  const app = renderApp(['a-1', 'a-2']);
  for (const index of [0, 1]) app.answer(index, {});
  await app.press('d');
  assert.match(plain(app.frame()), /Instance a-1/);
  await app.press('\u001Bj');
  assert.match(plain(app.frame()), /INSTANCE/, 'back on the grid');
  assert.equal(selected(app.frame()), 'a-2');
});

test('help: M-p closes help (Esc) and then pauses (p)', async () => {
  const app = renderApp(['a-1']);
  await app.press('?');
  assert.match(plain(app.frame()), /Keys/);
  await app.press('\u001Bp');
  assert.match(plain(app.frame()), /INSTANCE/);
  assert.deepEqual(app.calls, ['togglePause']);
});

test('Esc Esc (M-Esc) is two Escs; M-Enter is Esc then Enter', async () => {
  const app = renderApp(['a-1']);
  app.answer(0, {});
  await app.press('d');
  await app.press('\u001B\u001B');
  assert.match(plain(app.frame()), /INSTANCE/);
  await app.press('\u001B\r');
  assert.match(plain(app.frame()), /Instance a-1/, 'Esc on the grid, then Enter opened details');
});

test('y copies the selected instance id, in details the request id of its last error; the footer says so', async () => {
  const app = renderApp(['alpha', 'beta']);
  app.answer(0, {});
  app.answer(1, {});
  await app.press('j', 'y');
  assert.deepEqual(app.copied, ['beta-id']);
  assert.match(plain(app.lines().at(-1) ?? ''), /copied id beta-id/);
  await app.timers.advance(3000);
  assert.doesNotMatch(plain(app.lines().at(-1) ?? ''), /copied/, 'the notice goes after a few seconds');
  app.fail(1, 'DBS.280001', 500);
  await app.press('d', 'y');
  assert.deepEqual(app.copied, ['beta-id', 'req-42']);
  assert.match(plain(app.lines().at(-1) ?? ''), /copied request id req-42/);
  await app.press('q', '?', 'y');
  assert.equal(app.copied.length, 2, 'nothing to copy on the help screen');
});
