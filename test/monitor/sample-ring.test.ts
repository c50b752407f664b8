import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SampleRing } from '../../source/monitor/sample-ring.js';

const sample = (at: number) => ({
  at,
  wallAt: at + 0.5,
  overview: { total: at, active: at + 1, slowSql: at + 2, lock: at + 3 },
});

test('keeps the newest samples, oldest first, with every field', () => {
  const ring = new SampleRing(3);
  for (const at of [1, 2, 3, 4, 5]) ring.push(sample(at));
  assert.equal(ring.length, 3);
  assert.deepEqual(ring.samples(), [sample(3), sample(4), sample(5)]);
});

test('an empty ring has no samples', () => {
  assert.deepEqual(new SampleRing(4).samples(), []);
});
