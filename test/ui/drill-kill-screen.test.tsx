// The kill question on the sessions page, as the user sees it (safety rules: drill-kill-safety.test.tsx).
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { renderWithDrill as open } from '../helpers/drill-screen.js';
import { sessionsPart, lockStorm as storm } from '../helpers/fake-drill.js';
import { plain } from '../helpers/plain.js';
import { tick } from '../helpers/ui-fixture.js';

afterEach(() => cleanup());

test('kill is refused without --allow-kill: one line says how to enable it, nothing is sent', async () => {
  const { app, drill } = open();
  await app.press('\r');
  drill().set({ sessions: sessionsPart(storm) });
  await tick();
  await app.press('K');
  assert.match(plain(app.frame()), /kill is off: start gaussdb-top with --allow-kill/);
  assert.equal(drill().calls.filter((call) => call.startsWith('kill')).length, 0);
});

test('kill: the question names instance, session, user, client and SQL; only y kills, any other key cancels', async () => {
  const { app, drill } = open({ width: 100, height: 24 }, { canKill: true });
  await app.press('\r');
  drill().set({ sessions: sessionsPart(storm) });
  await tick();
  await app.press('2', 'g', 'K');
  let frame = plain(app.frame());
  assert.match(frame, /Kill session 100 on ledger-06\?/);
  assert.match(frame, /USER app\s+CLIENT 10\.0\.0\.5:40000/);
  assert.match(frame, /SQL UPDATE accounts SET balance/);
  await app.press('n');
  assert.match(plain(app.frame()), /kill cancelled/);
  assert.equal(drill().calls.filter((call) => call.startsWith('kill')).length, 0, 'n is not y');
  await app.press('K', 'y');
  await tick();
  frame = plain(app.frame());
  assert.deepEqual(
    drill().calls.filter((call) => call.startsWith('kill')),
    ['kill:100'],
  );
  assert.match(frame, /session 100 killed/);
});

test('a kill the API refuses says so, with its words', async () => {
  const { app, drill } = open(
    { width: 100, height: 24 },
    { canKill: true, killError: new Error('DBS.200011 not allowed') },
  );
  await app.press('\r');
  drill().set({ sessions: sessionsPart(storm) });
  await tick();
  await app.press('K', 'y');
  await tick();
  assert.match(plain(app.frame()), /kill failed: DBS\.200011 not allowed/);
});
