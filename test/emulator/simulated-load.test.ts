import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFleet } from '../../source/emulator/fleet.js';
import { churningLoad, phaseAt, simulatedLoad } from '../../source/emulator/simulated-load.js';

test('simulated load is plausible: active <= total, slow and lock <= active, all whole numbers', () => {
  for (const instance of createFleet(50)) {
    for (let time = 0; time < 600_000; time += 7_000) {
      const load = simulatedLoad(instance.seed, time);
      assert.ok(load.active <= load.total && load.slowSql <= load.active && load.lock <= load.active);
      assert.ok(Object.values(load).every((value) => Number.isInteger(value) && value >= 0));
    }
  }
});

test('over ten minutes a fleet goes through every phase, and calm dominates', () => {
  const seen = new Map<string, number>();
  for (const instance of createFleet(50)) {
    for (let time = 0; time < 600_000; time += 30_000) {
      const phase = phaseAt(instance.seed, time);
      seen.set(phase, (seen.get(phase) ?? 0) + 1);
    }
  }
  assert.deepEqual([...seen.keys()].sort(), ['lock-storm', 'normal', 'quiet', 'slow-sql-spike']);
  assert.ok((seen.get('normal') ?? 0) > (seen.get('lock-storm') ?? 0) * 3);
});

test('fleet ids look like real ones and are stable for a seed', () => {
  const fleet = createFleet(3, 7);
  assert.ok(fleet.every((instance) => /^[0-9a-f]{32}in14$/.test(instance.id)));
  assert.deepEqual(createFleet(3, 7), fleet);
  assert.notDeepEqual(createFleet(3, 8), fleet);
});

test('a churning fleet changes exactly the given share of instances per period', () => {
  for (let period = 1; period < 30; period++) {
    let changed = 0;
    for (let index = 0; index < 200; index++) {
      const before = churningLoad(index, index * 31, (period - 1) * 5000, 0.05, 5000);
      const after = churningLoad(index, index * 31, period * 5000 + 10, 0.05, 5000);
      if (before.active !== after.active) changed++;
      assert.equal(before.total, after.total);
    }
    assert.equal(changed, 10, `period ${period}`);
  }
});
