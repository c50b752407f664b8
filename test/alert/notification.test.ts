import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notificationSequences, notificationText } from '../../source/alert/notification.js';
import { startTerminalAlerts } from '../../source/alert/terminal-alerts.js';
import { ApiError } from '../../source/cloud/api-error.js';
import { messages } from '../../source/i18n/index.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import type { InstanceIdentity } from '../../source/monitor/store.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { allHostile, unsafeText } from '../helpers/hostile-text.js';
import { testStore } from '../helpers/store.js';

const en = messages('en-us');
const zh = messages('zh-cn');
const quiet = { total: 10, active: 1, slowSql: 0, lock: 0 };
// Locks and total at CRIT by the default thresholds, active and slow SQL not.
const lockCrit = defaultThresholds.lock.crit + 7;
const totalCrit = defaultThresholds.total.crit;
const crit = { ...quiet, total: totalCrit, lock: lockCrit };
const timeout = new ApiError({
  status: null,
  code: 'TIMEOUT',
  message: 'no answer in 10 s',
  requestId: null,
  retryable: true,
  retryAfterMs: null,
});

const identity = (name: string): InstanceIdentity => ({
  key: `k ${name}`,
  endpoint: 'https://fake',
  projectId: 'p',
  instanceId: `${name}-id`,
  name,
});

function fleet(names: string[]) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const store = testStore(names.map(identity), clock);
  for (const name of names) store.recordSuccess(`k ${name}`, quiet, 1);
  store.flush();
  const view = (name: string) => {
    const found = store.getSnapshot().instances.find((entry) => entry.name === name);
    assert.ok(found, name);
    return found;
  };
  return { clock, timers, store, view };
}

/** The OSC sequences in terminal output: [number, body] for each, whatever ends it. */
function oscs(raw: string): [string, string][] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences
  return [...raw.matchAll(/\u001B\](\d+);([^\u0007\u001B]*)(?:\u0007|\u001B\\)/g)].map((match) => [
    match[1] as string,
    match[2] as string,
  ]);
}

test('CRIT names the instance, each count at CRIT and its threshold; ERROR its short reason', () => {
  const { store, view } = fleet(['orders-db', 'billing-db']);
  store.recordSuccess('k orders-db', crit, 1);
  store.recordFailure('k billing-db', timeout, 1);
  store.flush();
  const critText = notificationText([view('orders-db')], defaultThresholds, en);
  assert.equal(
    critText,
    `orders-db CRIT: ${en.metrics.total} ${totalCrit} ≥ ${totalCrit}, ${en.metrics.lock} ${lockCrit} ≥ ${defaultThresholds.lock.crit}`,
  );
  assert.equal(notificationText([view('billing-db')], defaultThresholds, en), 'billing-db ERROR: timed out');
  assert.equal(
    notificationText([view('billing-db'), view('orders-db')], defaultThresholds, en),
    'billing-db ERROR: timed out (+1 more)',
  );
});

test('in Chinese, in the words of the Chinese screen', () => {
  const { store, view } = fleet(['orders-db', 'billing-db']);
  store.recordSuccess('k orders-db', crit, 1);
  store.recordFailure('k billing-db', timeout, 1);
  store.flush();
  const text = notificationText([view('orders-db'), view('billing-db')], defaultThresholds, zh);
  assert.equal(
    text,
    `orders-db 严重：${zh.metrics.total} ${totalCrit} ≥ ${totalCrit}, ${zh.metrics.lock} ${lockCrit} ≥ ${defaultThresholds.lock.crit}（另有 1 个实例）`,
  );
  assert.equal(
    notificationText([view('billing-db')], defaultThresholds, zh),
    `billing-db 错误：${zh.localErrors.TIMEOUT}`,
  );
});

test('a hostile instance name cannot end the sequence early nor write escapes of its own', () => {
  // ST in both forms, BEL, a new OSC 9 and OSC 777 of its own, newlines, then the usual suspects.
  const name = `evil\u001B\\\u009C\u0007\u001B]9;pwned\u0007\u001B]777;notify;x;y\u0007\r\n${allHostile}`;
  const { store, view } = fleet([name]);
  store.recordSuccess(`k ${name}`, crit, 1);
  store.flush();
  const text = notificationText([view(name)], defaultThresholds, en);
  assert.doesNotMatch(text, unsafeText);
  for (const inTmux of [false, true]) {
    const raw = notificationSequences(text, inTmux);
    const unwrapped = inTmux
      ? // biome-ignore lint/suspicious/noControlCharactersInRegex: tmux's passthrough wrapper
        raw.replace(/\u001BPtmux;((?:[^\u001B]|\u001B\u001B)*)\u001B\\/g, (_, inner: string) =>
          inner.replaceAll('\u001B\u001B', '\u001B'),
        )
      : raw;
    // Exactly two sequences, each ended by the BEL that closes it and nothing earlier.
    assert.equal([...unwrapped].filter((c) => c === '\u001B').length, 2, JSON.stringify(raw));
    assert.equal([...unwrapped].filter((c) => c === '\u0007').length, 2);
    assert.deepEqual(
      oscs(unwrapped).map(([number]) => number),
      ['9', '777'],
    );
    const [[, osc9], [, osc777]] = oscs(unwrapped) as [[string, string], [string, string]];
    assert.ok(osc9.startsWith('gaussdb-top: evil'), osc9);
    assert.ok(osc777.startsWith('notify;gaussdb-top;evil'), osc777);
    assert.ok(
      osc777.endsWith(
        `CRIT: ${en.metrics.total} ${totalCrit} ≥ ${totalCrit}, ${en.metrics.lock} ${lockCrit} ≥ ${defaultThresholds.lock.crit}`,
      ),
      'the reason survives the name',
    );
  }
});

test('OSC 9 never opens with digits and a semicolon (OSC 9;4 is a progress report)', () => {
  const [[, body]] = oscs(notificationSequences('4;3;100 CRIT', false)) as [[string, string]];
  assert.equal(body, 'gaussdb-top: 4;3;100 CRIT');
});

test('inside tmux: wrapped for passthrough, every ESC inside doubled, nothing bare', () => {
  const raw = notificationSequences('db CRIT', true);
  assert.equal(
    raw,
    '\u001BPtmux;\u001B\u001B]9;gaussdb-top: db CRIT\u0007\u001B\\' +
      '\u001BPtmux;\u001B\u001B]777;notify;gaussdb-top;db CRIT\u0007\u001B\\',
  );
});

test('a very long name is cut: a notification is one line', () => {
  const name = 'x'.repeat(5000);
  const { store, view } = fleet([name]);
  store.recordSuccess(`k ${name}`, crit, 1);
  store.flush();
  assert.ok(notificationText([view(name)], defaultThresholds, en).length <= 200);
});

function alerts(bell: boolean, notify: boolean, names = ['a', 'b']) {
  const setup = fleet(names);
  const writes: string[] = [];
  const stop = startTerminalAlerts({
    feed: setup.store,
    bell,
    notify,
    write: (text) => writes.push(text),
    thresholds: defaultThresholds,
    inTmux: false,
    clock: setup.clock,
    timers: setup.timers,
  });
  return { ...setup, writes, stop };
}

test('bell and notification come together in one write, once per alarm, under the same rule', async () => {
  const run = alerts(true, true);
  run.store.recordSuccess('k a', crit, 1);
  run.store.flush();
  assert.equal(run.writes.length, 1);
  const [first] = run.writes as [string];
  assert.ok(first.startsWith('\u0007'), 'the bell first');
  assert.deepEqual(
    oscs(first).map(([number]) => number),
    ['9', '777'],
  );
  run.store.recordFailure('k b', timeout, 1);
  run.store.flush();
  assert.equal(run.writes.length, 1, 'held back for the quiet period');
  await run.timers.advance(10_000);
  assert.equal(run.writes.length, 2);
  assert.match(run.writes[1] ?? '', /b ERROR: timed out/);
  run.stop();
});

test('the notification speaks the language the screen speaks at that moment', () => {
  const run = alerts(false, true);
  run.store.setLanguage('zh-cn');
  run.store.recordFailure('k a', timeout, 1);
  run.store.flush();
  assert.equal(run.writes.length, 1);
  assert.ok(run.writes[0]?.startsWith('\u001B]9;'), 'no bell without --bell');
  assert.match(run.writes[0] ?? '', /a 错误：/);
});

test('the bell alone writes BEL and nothing else; neither armed writes nothing', () => {
  const bell = alerts(true, false);
  bell.store.recordSuccess('k a', crit, 1);
  bell.store.flush();
  assert.deepEqual(bell.writes, ['\u0007']);
  const none = alerts(false, false);
  none.store.recordSuccess('k a', crit, 1);
  none.store.flush();
  assert.deepEqual(none.writes, []);
});
