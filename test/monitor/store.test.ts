import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiError } from '../helpers/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { testStore } from '../helpers/store.js';

function store(clock: FakeClock) {
  return testStore(
    [{ key: 'a', endpoint: 'https://fake', projectId: 'p', instanceId: 'i', name: 'n' }],
    clock,
  );
}

test('the change time moves only when a count changes, so an idle screen stays still', () => {
  const clock = new FakeClock();
  const subject = store(clock);
  subject.recordSuccess('a', { total: 1, active: 1, slowSql: 0, lock: 0 }, 5);
  subject.flush();
  const first = subject.getSnapshot().lastChangeWall;
  assert.equal(first, clock.wall());
  clock.advance(5000);
  subject.recordSuccess('a', { total: 1, active: 1, slowSql: 0, lock: 0 }, 5);
  subject.flush();
  assert.equal(subject.getSnapshot().lastChangeWall, first);
  assert.equal(
    subject.getSnapshot().instances[0]?.latest?.at,
    clock.monotonic(),
    'but the row knows its data is fresh',
  );
  clock.advance(5000);
  subject.recordSuccess('a', { total: 2, active: 1, slowSql: 0, lock: 0 }, 5);
  subject.flush();
  assert.equal(subject.getSnapshot().lastChangeWall, clock.wall());
});

test('a failure keeps the last good sample and its level; success clears the error', () => {
  const clock = new FakeClock();
  const subject = store(clock);
  subject.recordSuccess('a', { total: 1, active: 1, slowSql: 0, lock: 50 }, 5);
  subject.recordFailure('a', apiError({ message: 'm', requestId: 'r', retryable: true }), 7);
  subject.flush();
  const view = subject.getSnapshot().instances[0];
  assert.equal(view?.level, 'error');
  assert.equal(view?.dataLevel, 'crit');
  assert.equal(view?.latest?.overview.lock, 50);
  assert.equal(view?.error?.requestId, 'r');
  subject.recordSuccess('a', { total: 1, active: 1, slowSql: 0, lock: 0 }, 5);
  subject.flush();
  assert.equal(subject.getSnapshot().instances[0]?.error, null);
  assert.equal(subject.getSnapshot().instances[0]?.previous?.overview.lock, 50);
});

test('nothing recorded, nothing published', () => {
  const subject = store(new FakeClock());
  let calls = 0;
  subject.subscribe(() => calls++);
  subject.flush();
  assert.equal(calls, 0);
});

test('an unchanged answer keeps the counts and trend already shown; a change brings new ones', () => {
  const clock = new FakeClock();
  const subject = store(clock);
  subject.recordSuccess('a', { total: 4, active: 2, slowSql: 0, lock: 0 }, 5);
  subject.flush();
  const shown = subject.getSnapshot().instances[0];
  clock.advance(1000);
  subject.recordSuccess('a', { total: 4, active: 2, slowSql: 0, lock: 0 }, 5);
  subject.flush();
  const same = subject.getSnapshot().instances[0];
  assert.equal(same?.latest?.overview, shown?.latest?.overview);
  assert.equal(same?.trend, shown?.trend);
  assert.equal(same?.latest?.at, clock.monotonic(), 'the sample itself is new: the row is fresh');
  clock.advance(1000);
  subject.recordSuccess('a', { total: 5, active: 3, slowSql: 0, lock: 0 }, 5);
  subject.flush();
  const changed = subject.getSnapshot().instances[0];
  assert.deepEqual(changed?.latest?.overview, { total: 5, active: 3, slowSql: 0, lock: 0 });
  assert.notEqual(changed?.trend, shown?.trend);
});

test('a rediscovered instance under a new name shows the new name and keeps its numbers', () => {
  const clock = new FakeClock();
  const subject = store(clock);
  subject.recordSuccess('a', { total: 7, active: 3, slowSql: 0, lock: 0 }, 5);
  subject.flush();
  subject.setInstances([
    { key: 'a', endpoint: 'https://fake', projectId: 'p', instanceId: 'i', name: 'renamed' },
  ]);
  const [view] = subject.getSnapshot().instances;
  assert.equal(view?.name, 'renamed');
  assert.equal(view?.latest?.overview.total, 7, 'the row keeps its last answer');
  assert.equal(subject.history('a').length, 1, 'and its history');
});
