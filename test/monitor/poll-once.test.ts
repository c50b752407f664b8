import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pollOnce } from '../../source/monitor/poll-once.js';
import { sleep } from '../../source/time.js';
import { apiError, refusedError } from '../helpers/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers, flushPromises } from '../helpers/fake-timers.js';
import { gatedSource } from '../helpers/gated-source.js';

const overview = { total: 3, active: 1, slowSql: 0, lock: 0 };

const clock = new FakeClock();

function client(answer: (id: string) => Promise<typeof overview>) {
  const { client: source, sent } = gatedSource(clock, answer);
  return { source, sent };
}

/** Time for one test: every wait in pollOnce goes through these, so nothing really sleeps. */
function time() {
  const local = new FakeClock();
  return { clock: local, timers: new FakeTimers(local) };
}

const jobsOf = (source: ReturnType<typeof client>['source'], count: number) =>
  Array.from({ length: count }, (_, index) => ({
    client: source,
    instanceId: `i${index}`,
    name: `n${index}`,
  }));

test('refused credentials: one request, and every instance reports the refusal', async () => {
  const refused = refusedError();
  const { source, sent } = client(async () => {
    throw refused;
  });
  const results = await pollOnce(jobsOf(source, 20), { concurrency: 16, rate: 1000, ...time() });
  assert.equal(sent.length, 2, "a first 401 might be that instance's own: a second instance decides");
  assert.ok(results.every((result) => result.error?.code === 'CREDENTIALS_REFUSED'));
  assert.match(results[2]?.error?.message ?? '', /^not sent: refused by fake/);
});

test('results keep the order of the jobs and every instance is asked once', async () => {
  const { source, sent } = client(async (id) => ({ ...overview, total: Number(id.slice(1)) }));
  const jobs = jobsOf(source, 50);
  const results = await pollOnce(jobs, { concurrency: 8, rate: 1000, ...time() });
  assert.deepEqual(
    results.map((result) => result.overview?.total),
    jobs.map((_, index) => index),
  );
  assert.equal(new Set(sent.map((request) => request.instanceId)).size, 50);
});

test('a slow probe keeps the gate shut however long it takes: no second unproven request meanwhile', async () => {
  const refused = refusedError();
  const timeout = apiError({ status: null, code: 'TIMEOUT', message: 'slow', retryable: true });
  const { clock: local, timers } = time();
  let first = true;
  let inFlight = 0;
  let most = 0;
  const { client: source, sent } = gatedSource(local, async () => {
    inFlight++;
    most = Math.max(most, inFlight);
    try {
      if (first) {
        first = false;
        // Longer than the old 1.5 s probe patience, which let a second bad signature out.
        await sleep(timers, 1700);
        throw timeout;
      }
      throw refused;
    } finally {
      inFlight--;
    }
  });
  const run = pollOnce(jobsOf(source, 12), { concurrency: 4, rate: 1000, clock: local, timers });
  await timers.advance(1700);
  const results = await run;
  assert.equal(most, 1, 'never two unproven requests at once');
  assert.equal(sent.length, 3, 'the slow probe, then two probes that were refused');
  assert.equal(results[0]?.error?.code, 'TIMEOUT');
  assert.ok(results.slice(1).every((result) => result.error?.code === 'CREDENTIALS_REFUSED'));
});

test('the rate budget is waited for on the injected timers, not by sleeping', async () => {
  const { clock: local, timers } = time();
  const { client: source, sent } = gatedSource(local, async () => overview);
  let done = false;
  const run = pollOnce(jobsOf(source, 3), { concurrency: 3, rate: 1, clock: local, timers }).then(
    (results) => {
      done = true;
      return results;
    },
  );
  await flushPromises();
  assert.equal(sent.length, 1, 'one request a second: the first at once');
  await timers.advance(1000);
  assert.equal(sent.length, 2);
  assert.equal(done, false);
  await timers.advance(1000);
  const results = await run;
  assert.equal(sent.length, 3);
  assert.ok(results.every((result) => result.overview !== null));
});

test('a 404 proves nothing: the next request is still a lone probe', async () => {
  const gone = apiError({ status: 404, code: 'DBS.200002', message: 'gone' });
  const refused = refusedError();
  let answered = 0;
  const { source, sent } = client(async () => {
    if (answered++ === 0) throw gone;
    throw refused;
  });
  const results = await pollOnce(jobsOf(source, 10), { concurrency: 8, rate: 1000, ...time() });
  assert.equal(sent.length, 3, 'the 404, then two refused probes, one at a time; not a burst after the 404');
  assert.equal(results.filter((result) => result.error?.code === 'CREDENTIALS_REFUSED').length, 9);
});
