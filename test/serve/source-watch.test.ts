// `--source … --json --watch` on a fake clock: the first document once the source has answered, then
// one per interval (never more often), the last one's status, and a source that never answered.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { watchSource } from '../../source/modes/source-watch.js';
import { apiError } from '../helpers/errors.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { identity, overview, storeFeed } from '../helpers/serve-fixture.js';

function setup(ready: Promise<void>) {
  const ids = [identity(1), identity(2)];
  const { store, feed, clock } = storeFeed(ids);
  const timers = new FakeTimers(clock);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const lines = () => (stdout.read()?.toString() ?? '').split('\n').filter(Boolean);
  return { ids, store, clock, timers, stdout, stderr, lines, feed: { ...feed, ready } };
}

test('documents: none before the source answers, then one per interval, count of them, last status', async () => {
  const ready = Promise.withResolvers<void>();
  const run = setup(ready.promise);
  let status: number | undefined;
  const seen: string[] = [];
  const done = watchSource({ ...run, intervalMs: 5000, count: 3, unreadable: () => undefined }).then(
    (code) => {
      status = code;
    },
  );
  await run.timers.advance(20_000);
  assert.deepEqual(run.lines(), [], 'nothing before the source answered');
  for (const id of run.ids) run.store.recordSuccess(id.key, overview(10), 5);
  run.store.flush();
  ready.resolve();
  await run.timers.advance(0);
  seen.push(...run.lines());
  assert.equal(seen.length, 1);
  await run.timers.advance(4999);
  assert.deepEqual(run.lines(), [], 'not before the interval');
  // The second instance fails before the last document: that document's status is the run's.
  run.clock.advance(1);
  run.store.recordSuccess(run.ids[0]?.key ?? '', overview(11), 5);
  run.store.recordFailure(run.ids[1]?.key ?? '', apiError(), 5);
  run.store.flush();
  await run.timers.advance(0);
  seen.push(...run.lines());
  await run.timers.advance(5000);
  seen.push(...run.lines());
  await done;
  assert.equal(seen.length, 3);
  const documents = seen.map((line) => JSON.parse(line) as { instances: { total_num: number | null }[] });
  assert.deepEqual(
    documents[0]?.instances.map((row) => row.total_num),
    [10, 10],
  );
  assert.deepEqual(
    documents[2]?.instances.map((row) => row.total_num),
    [11, null],
  );
  assert.equal(status, 1);
});

test('a source that never answers: said once on stderr, exit 1, no document', async () => {
  const run = setup(Promise.reject(new Error('connection refused')));
  const said: unknown[] = [];
  const status = await watchSource({
    ...run,
    intervalMs: 5000,
    count: 2,
    unreadable: (error) => said.push(error),
  });
  assert.equal(status, 1);
  assert.equal(said.length, 1);
  assert.deepEqual(run.lines(), []);
});
