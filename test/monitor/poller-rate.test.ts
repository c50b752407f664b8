import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flushPromises } from '../helpers/fake-timers.js';
import { overview, pollerSetup as setup, throttled } from '../helpers/poller-setup.js';

// The poller against the rate budget and 429s: pacing, slowing down once, climbing back.

test('the request-rate budget paces requests', async () => {
  const { timers, poller, sent } = setup(20, undefined, { rate: 5 });
  poller.start();
  await timers.advance(0);
  assert.equal(sent.length, 5, 'a burst of one second worth');
  await timers.advance(1000);
  assert.equal(sent.length, 10);
  await timers.advance(2000);
  assert.equal(sent.length, 20);
  poller.stop();
});

test('429: the rate halves, Retry-After holds every request, then the rate climbs back', async () => {
  let throttle = true;
  const { timers, poller, sent } = setup(
    10,
    async () => {
      if (throttle) {
        throttle = false;
        throw throttled(3000);
      }
      return overview;
    },
    { rate: 8, intervalMs: 1000 },
  );
  poller.start();
  await timers.advance(0);
  assert.equal(poller.status.effectiveRate, 4);
  assert.ok(poller.status.throttledUntil !== null);
  const before = sent.length;
  await timers.advance(2999);
  assert.equal(sent.length, before, 'nothing sent during Retry-After');
  await timers.advance(1);
  assert.ok(sent.length > before);
  assert.equal(poller.status.throttledUntil, null);
  await timers.advance(30_000);
  assert.equal(poller.status.effectiveRate, 8, 'back to the configured rate after sustained success');
  poller.stop();
});

test('429 without Retry-After: holds back, halves at most once per 30 s, never above the budget', async () => {
  const { timers, poller, sent } = setup(
    50,
    async () => {
      throw throttled(null);
    },
    { rate: 4, intervalMs: 1000 },
  );
  poller.start();
  await timers.advance(45_000);
  assert.equal(poller.status.halvings, 2, 'continuous 429s for 45 s: halved at 0 s and at 30 s');
  assert.equal(poller.status.effectiveRate, 1);
  assert.ok(sent.length < 4 + 45 * 2, `at most the budget: ${sent.length}`);
  await timers.advance(60_000);
  assert.equal(poller.status.effectiveRate, 0.5, 'the floor');
  poller.stop();
});

test('a burst of 429s is one slow-down, not one per response', async () => {
  let throttling = true;
  const pending: ((fail: boolean) => void)[] = [];
  const { timers, poller } = setup(
    10,
    () =>
      new Promise((resolve, reject) =>
        pending.push((fail) => (fail ? reject(throttled(2000)) : resolve(overview))),
      ),
    { rate: 16, intervalMs: 1000 },
  );
  poller.start();
  await timers.advance(0);
  pending.shift()?.(false); // the probe proves the credentials
  await timers.advance(0);
  assert.equal(pending.length, 9);
  for (const answer of pending.splice(0)) answer(throttling);
  throttling = false;
  await flushPromises();
  assert.equal(poller.status.effectiveRate, 8, 'halved once for the whole burst');
  poller.stop();
});
