import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemClock } from '../../source/clock.js';
import { ApiError } from '../../source/cloud/api-error.js';
import type { OverviewSource } from '../../source/monitor/job.js';
import { pollOnce } from '../../source/monitor/poll-once.js';
import { refusedError } from '../helpers/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';

const overview = { total: 3, active: 1, slowSql: 0, lock: 0 };

function client(answer: (id: string) => Promise<typeof overview>) {
  const sent: string[] = [];
  const source: OverviewSource = {
    endpoint: 'https://fake',
    projectId: 'p',
    sessionOverview(id) {
      sent.push(id);
      return answer(id);
    },
  };
  return { source, sent };
}

test('refused credentials: one request, and every instance reports the refusal', async () => {
  const refused = refusedError();
  const { source, sent } = client(async () => {
    throw refused;
  });
  const jobs = Array.from({ length: 20 }, (_, index) => ({
    client: source,
    instanceId: `i${index}`,
    name: `n${index}`,
  }));
  const results = await pollOnce(jobs, { concurrency: 16, rate: 1000, clock: new FakeClock() });
  assert.equal(sent.length, 1);
  assert.ok(results.every((result) => result.error?.code === 'APIGW.0301'));
});

test('results keep the order of the jobs and every instance is asked once', async () => {
  const { source, sent } = client(async (id) => ({ ...overview, total: Number(id.slice(1)) }));
  const jobs = Array.from({ length: 50 }, (_, index) => ({
    client: source,
    instanceId: `i${index}`,
    name: `n${index}`,
  }));
  const results = await pollOnce(jobs, { concurrency: 8, rate: 1000, clock: new FakeClock() });
  assert.deepEqual(
    results.map((result) => result.overview?.total),
    jobs.map((_, index) => index),
  );
  assert.equal(new Set(sent).size, 50);
});

test('a hanging probe does not open the gates: after the patience, one more probe, not a burst', async () => {
  const refused = refusedError();
  const timeout = new ApiError({
    status: null,
    code: 'TIMEOUT',
    message: 'slow',
    requestId: null,
    retryable: true,
    retryAfterMs: null,
  });
  let first = true;
  const { source, sent } = client(async () => {
    if (first) {
      first = false;
      await new Promise((resolve) => setTimeout(resolve, 2500));
      throw timeout;
    }
    throw refused;
  });
  const jobs = Array.from({ length: 12 }, (_, index) => ({
    client: source,
    instanceId: `i${index}`,
    name: `n${index}`,
  }));
  const results = await pollOnce(jobs, { concurrency: 4, rate: 1000, clock: systemClock });
  assert.equal(sent.length, 2, 'the hanging probe, then one probe that was refused');
  assert.equal(results[0]?.error?.code, 'TIMEOUT');
  assert.ok(results.slice(1).every((result) => result.error?.code === 'APIGW.0301'));
});
