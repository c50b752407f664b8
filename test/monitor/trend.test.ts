import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrendBuckets } from '../../source/monitor/trend.js';

test('one bar per minute, holding the highest value of that minute', () => {
  const trend = new TrendBuckets(4);
  trend.add(0, 3);
  trend.add(30_000, 7);
  trend.add(50_000, 2);
  assert.deepEqual(trend.values(50_000), [null, null, null, 7]);
  trend.add(61_000, 1);
  assert.deepEqual(trend.values(61_000), [null, null, 7, 1]);
});

test('minutes without an answer stay empty, and old minutes fall off', () => {
  const trend = new TrendBuckets(3);
  trend.add(0, 5);
  trend.add(120_000, 6);
  assert.deepEqual(trend.values(120_000), [5, null, 6]);
  trend.add(300_000, 1);
  assert.deepEqual(trend.values(300_000), [null, null, 1]);
});

test('the time axis moves on while no answer comes', () => {
  const trend = new TrendBuckets(3);
  trend.add(0, 5);
  assert.deepEqual(trend.values(0), [null, null, 5]);
  assert.deepEqual(trend.values(125_000), [5, null, null]);
  assert.deepEqual(trend.values(200_000), [null, null, null]);
});

test('identical answers within a minute leave the trend as it was', () => {
  const trend = new TrendBuckets(3);
  trend.add(1_000, 4);
  const before = trend.values(1_000);
  trend.add(6_000, 4);
  trend.add(11_000, 3);
  assert.deepEqual(trend.values(11_000), before);
});

test('an unchanged trend is the same array; a new high or a new minute is a new one', () => {
  const trend = new TrendBuckets(3);
  trend.add(1_000, 4);
  const first = trend.values(1_000);
  trend.add(6_000, 4);
  assert.equal(trend.values(6_000), first, 'same answer: same array');
  trend.add(7_000, 9);
  const higher = trend.values(7_000);
  assert.notEqual(higher, first);
  assert.deepEqual(higher, [null, null, 9]);
  assert.deepEqual(first, [null, null, 4], 'arrays handed out are never changed afterwards');
  const nextMinute = trend.values(61_000);
  assert.notEqual(nextMinute, higher);
  assert.deepEqual(nextMinute, [null, 9, null]);
});
