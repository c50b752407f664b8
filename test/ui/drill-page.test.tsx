import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { renderWithDrill } from '../helpers/drill-screen.js';
import { session, sessionsPart, lockStorm as storm } from '../helpers/fake-drill.js';
import { plain } from '../helpers/plain.js';
import { tick } from '../helpers/ui-fixture.js';

afterEach(() => cleanup());

const open = renderWithDrill;

test('Enter opens the sessions page of the selected instance; Esc closes it and its polling', async () => {
  const { app, opened, drill } = open();
  await app.press('\r');
  assert.equal(opened.length, 1, 'one source opened');
  assert.deepEqual(drill().calls.slice(0, 2), ['open:https://fake p ledger-06', 'tab:sessions']);
  drill().set({ sessions: sessionsPart(storm) });
  await tick();
  const frame = plain(app.frame());
  assert.match(frame, /Sessions of ledger-06/);
  assert.match(
    frame,
    /total 36\s+active 12\s+slow SQL 1\s+locks 45/,
    'the overview counts stay in the page header',
  );
  assert.match(frame, /node cn_5001 \(CN master\) 1\/2/);
  assert.match(frame, /1 Sessions\s+2 Blocking\s+3 By user\/client\/db\s+4 Wait events\s+5 Top SQL/);
  await app.press('\u001b');
  assert.ok(drill().calls.includes('close'), 'the source is closed with the page');
  assert.match(plain(app.frame()), /INSTANCE/);
});

test('sessions: blocked first, then the longest running; runtimes in human units; 200 says it is the first 200', async () => {
  const { app, drill } = open();
  await app.press('\r');
  drill().set({ sessions: sessionsPart(storm) });
  await tick();
  const rows = plain(app.frame())
    .split('\n')
    .filter((line) => /^\s*[›>]?\s+\d{3}\s/.test(line));
  assert.deepEqual(
    rows.map(
      (line) =>
        line
          .trim()
          .replace(/^[›>]\s*/, '')
          .split(/\s+/)[0],
    ),
    ['101', '102', '300', '100', '200'],
  );
  assert.match(plain(app.frame()), /2m10s/);
  assert.match(plain(app.frame()), /3m20s/);
  drill().set({
    sessions: sessionsPart(Array.from({ length: 200 }, (_, index) => session(String(1000 + index)))),
  });
  await tick();
  assert.match(plain(app.frame()), /showing the first 200/);
});

test('a field missing or of the wrong type reads ?, never NaN, undefined or null', async () => {
  const { app, drill } = open({ width: 160, height: 30 });
  await app.press('\r');
  drill().set({
    sessions: sessionsPart([
      session('7', {
        user_name: null,
        client_ip: null,
        client_port: null,
        query_runtime: null,
        query: null,
        wait_event: null,
        state: null,
        wait_status: null,
      }),
    ]),
  });
  await tick();
  const frame = plain(app.frame());
  assert.doesNotMatch(frame, /NaN|undefined|null/);
  const row = frame.split('\n').find((line) => /\b7\b/.test(line)) ?? '';
  assert.ok((row.match(/\?/g) ?? []).length >= 4, row);
  await app.press('\r');
  assert.doesNotMatch(plain(app.frame()), /NaN|undefined|null/);
});

test('hostile server text cannot reach the terminal: escape sequences in a session are made visible', async () => {
  const { app, drill } = open({ width: 100, height: 40 });
  await app.press('\r');
  drill().set({
    sessions: sessionsPart([
      session('8', { user_name: 'x\u001b]52;c;cHduZWQ=\u0007', query: 'SELECT 1\u001b[2J\u001b[H' }),
    ]),
  });
  await tick();
  await app.press('\r');
  const raw = app.frame();
  for (const sequence of ['\u001b]52', '\u001b[2J', '\u001b[H'])
    assert.ok(!raw.includes(sequence), JSON.stringify(sequence));
  // Made visible, not silently dropped: the reader sees that the server sent something odd.
  assert.match(plain(raw), /x\uFFFD\]52;c;cHduZWQ=\uFFFD/);
  assert.match(plain(raw), /SELECT 1\uFFFD\[2J\uFFFD\[H/);
});

test('Blocking: the lock tree with chains indented, the root first with its count, a missing blocker marked', async () => {
  const { app, drill } = open({ width: 120, height: 24 });
  await app.press('\r');
  drill().set({ sessions: sessionsPart(storm) });
  await tick();
  await app.press('2');
  assert.ok(drill().calls.includes('tab:blocking'));
  const lines = plain(app.frame()).split('\n');
  const at = (id: string) => lines.findIndex((line) => new RegExp(`\\b${id} app@`).test(line));
  assert.ok(at('100') >= 0 && at('100') < at('101') && at('101') < at('102'), lines.join('\n'));
  assert.match(lines[at('100')] ?? '', /blocks 2/);
  const indent = (id: string) =>
    (lines[at(id)] ?? '').search(/\S/) + ((lines[at(id)] ?? '').match(/└─|`-/)?.index ?? 0);
  assert.ok(indent('102') > indent('101'), 'a chain is a staircase');
  assert.match(plain(app.frame()), /999 \(not among the sessions listed\)/);
});

test('tabs: Tab and t step, 1…5 jump; each tab tells the source which data to poll', async () => {
  const { app, drill } = open();
  await app.press('\r', '\t', 't', '5', '3', '1');
  assert.deepEqual(
    drill().calls.filter((call) => call.startsWith('tab:')),
    ['tab:sessions', 'tab:blocking', 'tab:statistics', 'tab:topSql', 'tab:statistics', 'tab:sessions'],
  );
});

test('By user / client / database: bars of active against total; Wait events and Top SQL with its full text', async () => {
  const { app, drill } = open({ width: 100, height: 30 });
  await app.press('\r');
  drill().set({
    statistics: {
      data: {
        usename: [{ name: 'app', active_num: 8, total_num: 20 }],
        client_addr: [{ name: '10.0.0.5', active_num: null, total_num: 4 }],
        datname: [],
      },
      at: 0,
      error: null,
      loading: false,
    },
    waits: {
      data: [{ node_name: 'dn_1', event_name: 'LockMgrLock', count: 17 }],
      at: 0,
      error: null,
      loading: false,
    },
    topSql: {
      data: [
        {
          node_name: 'cn_5001',
          unique_sql_id: '991',
          query: `SELECT ${'x, '.repeat(60)}1 FROM t`,
          count: 123,
        },
      ],
      at: 0,
      error: null,
      loading: false,
    },
  });
  await tick();
  await app.press('3');
  let frame = plain(app.frame());
  assert.match(frame, /By user[\s\S]*app\s+8\/20\s+█+░+/);
  assert.match(frame, /10\.0\.0\.5\s+\?\/4/);
  assert.match(frame, /By database\s+nothing to show/);
  await app.press('4');
  assert.match(plain(app.frame()), /17\s+dn_1\s+LockMgrLock/);
  await app.press('5', '\r');
  frame = plain(app.frame());
  assert.ok(frame.split('\n').filter((line) => /x, x, /.test(line)).length >= 2, 'the full statement wraps');
  await app.press('y');
  assert.match(app.copied.at(-1) ?? '', /^SELECT x, x, .* 1 FROM t$/);
});

test('a session detail: every field and the whole SQL; y copies the SQL, Y the session id', async () => {
  const { app, drill } = open({ width: 80, height: 24 });
  await app.press('\r');
  drill().set({ sessions: sessionsPart(storm) });
  await tick();
  await app.press('G', '\r');
  const frame = plain(app.frame());
  for (const field of [
    'session_id',
    'user_name',
    'client',
    'lock_mode',
    'block_session',
    'query_runtime',
    'SQL',
  ])
    assert.match(frame, new RegExp(field));
  await app.press('y', 'Y');
  assert.deepEqual(app.copied.slice(-2), ['SELECT 200', '200']);
});

test('filter and sort in the Sessions tab; n cycles the node; p pauses like the grid', async () => {
  const { app, drill } = open();
  await app.press('\r');
  drill().set({ sessions: sessionsPart(storm) });
  await tick();
  await app.press('/', '3', '0', '0', '\r');
  const shown = () =>
    plain(app.frame())
      .split('\n')
      .filter((line) => /^\s*[›>]?\s+\d{3}\s/.test(line)).length;
  assert.equal(shown(), 1);
  await app.press('/', '\u001b');
  assert.equal(shown(), 5);
  await app.press('s');
  assert.match(plain(app.frame()), /SESSION↓/);
  await app.press('n');
  assert.match(plain(app.frame()), /node cn_5002 \(CN master\) 2\/2/);
  await app.press('p');
  assert.deepEqual(app.calls, ['togglePause']);
  assert.match(plain(app.lines()[0] ?? ''), /PAUSED/);
});

test('a failed call shows its code and words on the tab, the last answer stays', async () => {
  const { app, drill } = open();
  await app.press('\r');
  drill().set({
    sessions: {
      ...sessionsPart(storm),
      error: { status: 403, code: 'DBS.200011', message: 'status does not allow' },
    },
  });
  await tick();
  const frame = plain(app.frame());
  assert.match(frame, /DBS\.200011 status does not allow/);
  assert.match(frame, /\b101\b/);
});

for (const size of [
  { width: 80, height: 24 },
  { width: 160, height: 50 },
]) {
  test(`every tab fits ${size.width}x${size.height} in both languages`, async () => {
    const { app, drill } = open(size);
    await app.press('\r');
    drill().set({
      sessions: sessionsPart(
        Array.from({ length: 200 }, (_, index) =>
          session(String(5000 + index), { block_session: index % 7 === 0 ? null : String(5000 + index - 1) }),
        ),
      ),
    });
    await tick();
    for (const language of ['en-us', 'zh-cn']) {
      for (const tab of ['1', '2', '3', '4', '5']) {
        await app.press(tab);
        const lines = app.lines();
        assert.ok(lines.length <= size.height, `${language} tab ${tab}: ${lines.length} lines`);
        for (const line of lines)
          assert.ok(stringWidth(line) <= size.width, `${language} tab ${tab}: ${plain(line)}`);
      }
      if (language === 'en-us') {
        await app.press('l');
        assert.match(plain(app.frame()), /会话：/);
      }
    }
  });
}
