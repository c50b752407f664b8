import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchForAlarms } from '../../source/alert/alarm-watch.js';
import { ApiError } from '../../source/cloud/api-error.js';
import type { InstanceIdentity } from '../../source/monitor/store.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { testStore } from '../helpers/store.js';

const identity = (name: string): InstanceIdentity => ({
  key: `k ${name}`,
  endpoint: 'https://fake',
  projectId: 'p',
  instanceId: `${name}-id`,
  name,
});
const quiet = { total: 10, active: 1, slowSql: 0, lock: 0 };
const crit = { ...quiet, lock: 50 };
const warn = { ...quiet, lock: 5 };
const failure = new ApiError({
  status: 503,
  code: 'SVC',
  message: 'down',
  requestId: null,
  retryable: true,
  retryAfterMs: null,
});

function setup(names = ['a', 'b', 'c']) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const store = testStore(names.map(identity), clock);
  const alarms: string[][] = [];
  const stop = watchForAlarms({
    feed: store,
    raise: (entered) => {
      alarms.push(entered.map((view) => `${view.name} ${view.level}`));
    },
    clock,
    timers,
  });
  const answer = (name: string, overview: typeof quiet) => {
    store.recordSuccess(`k ${name}`, overview, 1);
    store.flush();
  };
  const fail = (name: string) => {
    store.recordFailure(`k ${name}`, failure, 1);
    store.flush();
  };
  return { clock, timers, store, stop, answer, fail, alarms, rings: () => alarms.length };
}

test('entering CRIT or ERROR rings once per transition; staying there, or warn, does not', async () => {
  const bell = setup();
  for (const name of ['a', 'b', 'c']) bell.answer(name, quiet);
  assert.equal(bell.rings(), 0);
  bell.answer('a', warn);
  assert.equal(bell.rings(), 0, 'warn is not an alarm');
  bell.answer('a', crit);
  assert.equal(bell.rings(), 1);
  for (let poll = 0; poll < 5; poll++) {
    await bell.timers.advance(11_000);
    bell.answer('a', crit);
    bell.fail('a');
  }
  assert.equal(bell.rings(), 1, 'CRIT to ERROR and back is the same alarm');
  bell.answer('a', quiet);
  await bell.timers.advance(11_000);
  bell.fail('a');
  assert.equal(bell.rings(), 2, 'ok to ERROR is a transition');
});

test('what an instance starts with is not a transition', () => {
  const bell = setup();
  bell.answer('a', crit);
  bell.fail('b');
  assert.equal(bell.rings(), 0);
});

test('at most one bell per 10 s in total; a transition in between rings once when the quiet ends', async () => {
  const bell = setup();
  for (const name of ['a', 'b', 'c']) bell.answer(name, quiet);
  bell.answer('a', crit);
  assert.equal(bell.rings(), 1);
  await bell.timers.advance(2000);
  bell.answer('b', crit);
  bell.fail('c');
  assert.equal(bell.rings(), 1);
  await bell.timers.advance(7999);
  assert.equal(bell.rings(), 1);
  await bell.timers.advance(1);
  assert.equal(bell.rings(), 2, 'the held-back transitions ring together, once');
  assert.deepEqual(
    bell.alarms,
    [['a crit'], ['b crit', 'c error']],
    'each alarm names what entered since the last',
  );
  await bell.timers.advance(60_000);
  assert.equal(bell.rings(), 2);
});

test('an instance that enters twice within the quiet period is named once, as it entered last', async () => {
  const bell = setup(['a', 'b']);
  for (const name of ['a', 'b']) bell.answer(name, quiet);
  bell.answer('b', crit);
  bell.answer('a', crit);
  bell.answer('a', quiet);
  bell.fail('a');
  await bell.timers.advance(10_000);
  assert.deepEqual(bell.alarms, [['b crit'], ['a error']]);
});

test('a flapping instance rings at most every 10 s', async () => {
  const bell = setup(['a']);
  bell.answer('a', quiet);
  for (let flap = 0; flap < 100; flap++) {
    bell.answer('a', flap % 2 ? quiet : crit);
    await bell.timers.advance(1000);
  }
  assert.ok(bell.rings() <= 11, `${bell.rings()} bells in 100 s`);
  assert.ok(bell.rings() >= 9);
});

test('stopped, it rings no more, not even a held-back bell', async () => {
  const bell = setup();
  for (const name of ['a', 'b']) bell.answer(name, quiet);
  bell.answer('a', crit);
  bell.answer('b', crit);
  bell.stop();
  await bell.timers.advance(20_000);
  bell.answer('a', quiet);
  bell.answer('a', crit);
  assert.equal(bell.rings(), 1);
});
