import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { renderWithDrill } from '../helpers/drill-screen.js';
import { type FakeDrill, session, sessionsPart } from '../helpers/fake-drill.js';
import { plain } from '../helpers/plain.js';
import { tick } from '../helpers/ui-fixture.js';

// Attacks on kill from the sessions page: a kill needs `y` pressed by itself, to a question on screen,
// about a session on screen, on the instance the page was opened for.

afterEach(() => cleanup());

const open = (options: Parameters<typeof renderWithDrill>[1] = { canKill: true }) =>
  renderWithDrill({ width: 100, height: 24 }, options);

const kills = (drill: FakeDrill) => drill.calls.filter((call) => call.startsWith('kill'));
const storm = [
  session('100', { query_runtime: 200_000, query: 'UPDATE accounts SET balance = 1' }),
  session('101', { block_session: '100', query_runtime: 130_000 }),
  session('200', { query_runtime: 5_000 }),
];

async function onPage() {
  const page = open();
  await page.app.press('\r');
  page.drill().set({ sessions: sessionsPart(storm) });
  await tick();
  return page;
}

test('"Ky" in one chunk (fast typing, send-keys) never kills: the question was not on screen', async () => {
  const { app, drill } = await onPage();
  await app.press('Ky');
  assert.deepEqual(kills(drill()), []);
  assert.match(plain(app.frame()), /kill cancelled/);
});

test('pasted text that holds "Ky", or a "yes" pasted to the question, never kills', async () => {
  const { app, drill } = await onPage();
  await app.press('hello Kyoto');
  await app.press('K');
  await app.press('yes');
  assert.deepEqual(kills(drill()), []);
});

test('K asks about a session on screen: a filter that hides the chosen one moves the choice', async () => {
  const { app, drill } = await onPage();
  await app.press('j');
  assert.match(plain(app.frame()), /› +100 /, 'chosen: 100');
  await app.press('/', '2', '0', '0', '\r');
  assert.match(plain(app.frame()), /› +200 /, 'the selection mark is on the one row shown');
  await app.press('K');
  assert.match(plain(app.frame()), /Kill session 200 on ledger-06\?/);
  await app.press('y');
  await tick();
  assert.deepEqual(kills(drill()), ['kill:200']);
});

test('the page stays on the instance it was opened for when the grid re-sorts under it', async () => {
  const { app, opened, drill } = await onPage();
  await app.press('K');
  assert.match(plain(app.frame()), /Kill session 101 on ledger-06\?/);
  // orders becomes the worst instance: the grid's first row changes.
  app.clock.advance(5000);
  app.answer(0, { total: 5, active: 1, lock: 0 });
  app.answer(1, { total: 300, active: 200, slowSql: 50, lock: 90 });
  await tick();
  assert.match(plain(app.frame()), /Kill session 101 on ledger-06\?/);
  await app.press('y');
  await tick();
  assert.equal(opened.length, 1, 'no second page was opened');
  assert.deepEqual(kills(drill()), ['kill:101']);
  assert.equal(drill().calls[0], 'open:https://fake p ledger-06');
});
