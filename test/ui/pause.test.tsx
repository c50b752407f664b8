import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { plain } from '../helpers/plain.js';
import { renderApp, tick } from '../helpers/ui-fixture.js';

const names = Array.from({ length: 10 }, (_, index) => `db-${String(index).padStart(2, '0')}`);

afterEach(() => cleanup());

/** Ten instances at a 1 s interval, all answered, then paused; `written()` counts bytes sent to the terminal. */
async function pausedApp() {
  const app = renderApp(names, { width: 120, height: 20 }, { intervalMs: 1000 });
  for (const index of names.keys()) app.answer(index, { total: 100, active: 3 });
  await tick();
  await app.press('p');
  const written = () => app.ui.frames.reduce((sum, frame) => sum + Buffer.byteLength(frame), 0);
  return { app, written };
}

test('paused: the screen stays as it was; only the coarse PAUSED steps repaint', async () => {
  const { app, written } = await pausedApp();
  const order = () => app.lines().slice(3, 13).map(plain);
  const before = order();
  const titles = app.titles.length;
  const pausedFrame = app.frame();

  // Answers to requests already in flight land while paused: nothing changes on screen, nothing is written.
  let bytes = written();
  app.answer(5, { total: 999, lock: 99 });
  await tick();
  await app.timers.advance(4_999);
  await tick();
  assert.equal(written() - bytes, 0, 'nothing written between pausing and the 5 s step');
  assert.equal(app.frame(), pausedFrame);
  assert.match(plain(app.lines()[0] ?? ''), /^❚❚ PAUSED 0:00 {2}10\/10 OK {2}gaussdb-top/);

  await app.timers.advance(1);
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /^❚❚ PAUSED 0:05 /);
  bytes = written();
  await app.timers.advance(4_999);
  await tick();
  assert.equal(written() - bytes, 0, 'nothing written between the 5 s and 10 s steps');

  await app.timers.advance(5_001);
  await tick();
  const lines = app.lines().map(plain);
  assert.match(
    lines[0] ?? '',
    /^❚❚ PAUSED 0:15 {2}10\/10 OK {2}gaussdb-top/,
    'the count is the one at pause time',
  );
  assert.match(lines[1] ?? '', /^Σ total 1000 {2}active 30 /, 'the sums too');
  assert.doesNotMatch(lines.join('\n'), /999/, 'an answer that landed after pausing is not shown');
  assert.deepEqual(
    order().map((line) => line.slice(0, 40)),
    before.map((line) => line.slice(0, 40)),
    'same rows, same order',
  );
  assert.match(lines[3] ?? '', /15s\s*$/, 'rows still show how old their data is');
  assert.equal(app.titles.length, titles, 'the title does not change either');

  // Past a minute the header moves once a minute.
  await app.timers.advance(45_000);
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /^❚❚ PAUSED 1:00 /);
  bytes = written();
  await app.timers.advance(59_999);
  await tick();
  assert.equal(written() - bytes, 0, 'nothing written between the 1:00 and 2:00 steps');
  await app.timers.advance(1);
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /^❚❚ PAUSED 2:00 /);
});

test('keys still work while paused, and resuming shows what arrived', async () => {
  const { app, written } = await pausedApp();
  app.answer(5, { total: 999 });
  const bytes = written();
  await app.press('j');
  assert.ok(written() > bytes, 'moving the selection repaints');
  assert.match(plain(app.frame()), /› db-01/);
  assert.doesNotMatch(plain(app.frame()), /999/);
  await app.press('p');
  const first = plain(app.lines()[0] ?? '');
  assert.match(first, /● LIVE/);
  assert.doesNotMatch(first, /PAUSED/);
  assert.match(plain(app.frame()), /999/);
});

test('the language switch works while paused, still frozen', async () => {
  const { app } = await pausedApp();
  await app.timers.advance(20_000);
  await app.press('l');
  assert.match(plain(app.lines()[0] ?? ''), /^❚❚ 已暂停 0:20 .*10\/10 正常/);
  assert.match(plain(app.lines()[1] ?? ''), /^Σ 总会话 1000/);
});

test('paused, the header holds still too: no countdown runs out while nothing is tried', async () => {
  const app = renderApp(names, { width: 120, height: 20 }, { intervalMs: 1000 });
  app.store.setStatus({
    credentials: [
      {
        kind: 'aksk',
        where: 'gaussdb.example.com',
        state: 'refused',
        nextTryAt: 250_000,
        advice: '',
        message: '',
      },
    ],
  });
  await app.press('p');
  await app.timers.advance(300_000);
  await tick();
  const first = plain(app.lines()[0] ?? '');
  assert.match(first, /^❚❚ PAUSED 5:00 CREDENTIALS REFUSED, next try in 4m10s/, first);
});
