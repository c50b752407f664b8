import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identityOf, type PollJob } from '../../source/monitor/job.js';
import { Poller } from '../../source/monitor/poller.js';
import { refusedError } from '../helpers/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { gatedSource } from '../helpers/gated-source.js';
import { fakeClient, overview, pollerSetup as setup } from '../helpers/poller-setup.js';
import { testStore } from '../helpers/store.js';

// The poller under refused credentials: what rests, what carries on, and how the rows read meanwhile.

test('refused credentials: one probe, every instance shows it, r sends nothing, a rest, one probe again', async () => {
  const refused = refusedError();
  const { timers, poller, sent, store } = setup(
    20,
    async () => {
      throw refused;
    },
    { intervalMs: 1000 },
  );
  poller.start();
  await timers.advance(60_000);
  assert.equal(
    sent.length,
    2,
    "two refusals (a first might be that instance's own), not a concurrency worth",
  );
  store.flush();
  assert.ok(store.getSnapshot().instances.every((view) => view.error?.code === 'CREDENTIALS_REFUSED'));
  const [problem] = store.getSnapshot().status.credentials;
  assert.equal(problem?.state, 'refused');
  assert.equal(problem?.nextTryAt, 5 * 60_000 + (sent[1]?.at ?? 0));
  for (let press = 0; press < 6; press++) {
    poller.refreshNow();
    await timers.advance(1000);
  }
  assert.equal(sent.length, 2, 'r while resting sends nothing and does not restart the rest');
  await timers.advance(5 * 60_000 - 66_000);
  assert.equal(sent.length, 3, 'after the rest: one probe, not a burst');
  await timers.advance(60_000);
  assert.equal(sent.length, 3, 'refused again: judged, it rests at once');
  poller.stop();
});

test('refused credentials rest only the clients that share them', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  const refused = refusedError();
  const bad = fakeClient(
    clock,
    async () => {
      throw refused;
    },
    'bad',
  );
  const good = fakeClient(clock, async () => overview, 'good');
  const jobs: PollJob[] = [
    ...['a', 'b'].map((id) => ({ client: bad.client, instanceId: id, name: id })),
    ...['c', 'd'].map((id) => ({ client: good.client, instanceId: id, name: id })),
  ];
  const store = testStore(jobs.map(identityOf), clock, timers, 1000);
  const poller = new Poller(jobs, store, {
    clock,
    timers,
    intervalMs: 1000,
    rate: 100,
    concurrency: 8,
    random: () => 0.5,
  });
  poller.start();
  await timers.advance(10_000);
  assert.equal(bad.sent.length, 2);
  assert.ok(bad.client.authScope !== good.client.authScope);
  assert.ok(good.sent.length >= 20, `the other credentials kept polling: ${good.sent.length}`);
  poller.stop();
});

test('a token refused for a few seconds: rows keep values and level, and all recover 30 s later, not 5 min', async () => {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  let refusing = false;
  let refusals = 0;
  const { client } = gatedSource(
    clock,
    async (id) => {
      if (refusing) {
        refusals++;
        throw refusedError();
      }
      return id === 'i0' ? { ...overview, lock: 50 } : overview;
    },
    { set: { id: 'token#test', kind: 'token', advice: 'TOKEN_FIXED' } },
  );
  const jobs: PollJob[] = Array.from({ length: 10 }, (_, index) => ({
    client,
    instanceId: `i${index}`,
    name: `n${index}`,
  }));
  const store = testStore(jobs.map(identityOf), clock, timers, 1000);
  const poller = new Poller(jobs, store, { clock, timers, intervalMs: 1000, rate: 1000, concurrency: 16 });
  poller.start();
  await timers.advance(3000);
  refusing = true;
  await timers.advance(3000);
  refusing = false;
  store.flush();
  const during = store.getSnapshot();
  // The round already in flight (all ten, sent together while the token was proven) can fail; after
  // that one probe decides and nothing else is sent: three rounds would have been 30 refusals.
  assert.ok(refusals <= 10 + 1, `the round in flight and one probe: ${refusals}`);
  assert.equal(during.status.credentials[0]?.state, 'refused');
  const crit = during.instances.find((view) => view.instanceId === 'i0');
  assert.equal(crit?.dataLevel, 'crit', 'the CRIT instance still knows it is CRIT');
  assert.equal(crit?.latest?.overview.lock, 50, 'and keeps its last values');
  await timers.advance(30_000);
  store.flush();
  const after = store.getSnapshot();
  assert.ok(
    after.instances.every((view) => view.error === null),
    'all rows answer again within the token rest, not after five minutes',
  );
  assert.deepEqual(after.status.credentials, []);
  poller.stop();
});
