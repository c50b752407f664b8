// When a live screen or `serve` trims its heap: once RSS has grown past its limit since the last trim,
// never sooner than the last trim's cost allows, and never for a process whose memory stays put.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heapTrims, startHeapTrim } from '../../source/modes/heap-trim.js';
import { TrimPolicy } from '../../source/modes/trim-policy.js';

const MiB = 2 ** 20;

/** A policy (8 MiB, 3%) whose last trim took 60 ms, ending at 1,000 ms with RSS at 100 MiB. */
function afterTrim(): TrimPolicy {
  const policy = new TrimPolicy(8 * MiB, 0.03, 1_000);
  policy.trimmed(100 * MiB, 1_000, 60);
  return policy;
}

test('the first look trims, to learn the floor', () => {
  assert.equal(new TrimPolicy(8 * MiB, 0.03, 1_000).due(80 * MiB, 0), true);
});

test('growth up to the limit waits; past it, a trim is due', () => {
  const policy = afterTrim();
  assert.equal(policy.due(108 * MiB, 10_000), false);
  assert.equal(policy.due(108.1 * MiB, 10_000), true);
});

test('a process whose memory stays put is never trimmed again', () => {
  const policy = afterTrim();
  for (let at = 2_000; at < 3_600_000; at += 1_000) assert.equal(policy.due(104 * MiB, at), false);
});

test('the next trim waits for the last trim to amortise at the duty cycle (60 ms at 3%: 2 s)', () => {
  const policy = afterTrim();
  assert.equal(policy.due(400 * MiB, 2_999), false);
  assert.equal(policy.due(400 * MiB, 3_000), true);
});

test('a cheap trim still leaves the minimum gap', () => {
  const policy = new TrimPolicy(8 * MiB, 0.03, 1_000);
  policy.trimmed(100 * MiB, 1_000, 1);
  assert.equal(policy.due(400 * MiB, 1_999), false);
  assert.equal(policy.due(400 * MiB, 2_000), true);
});

test('RSS that falls below the floor becomes the floor', () => {
  const policy = afterTrim();
  assert.equal(policy.due(90 * MiB, 5_000), false);
  // 90 MiB is the floor now: 98.1 MiB is past the limit, though under the old floor's 108.
  assert.equal(policy.due(98.1 * MiB, 6_000), true);
});

test('the running trim collects when its policy says so, and not otherwise', {
  timeout: 10_000,
}, async () => {
  const before = heapTrims().count;
  const looks: boolean[] = [];
  let answer = false;
  const policy = new TrimPolicy();
  policy.due = () => {
    looks.push(answer);
    return answer;
  };
  const trim = startHeapTrim(5, policy);
  try {
    while (looks.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(heapTrims().count, before, 'no trim while the policy says no');
    answer = true;
    while (heapTrims().count === before) await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    trim.stop();
  }
  assert.ok(heapTrims().count > before);
});
