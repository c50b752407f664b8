import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEmulator } from '../../source/emulator/server.js';

// The emulator's gateway budget is the monitor's RateBudget on the emulator's own (here fake) clock:
// requests are counted at the server, and time moves only when the test says so.

async function statuses(rateLimit: number, steps: number[]) {
  let wall = Date.UTC(2026, 0, 1);
  const emulator = await startEmulator({
    instances: 1,
    rateLimit,
    now: () => wall,
    credentials: { token: 't' },
  });
  try {
    const instance = emulator.instances[0]?.id ?? '';
    const url = `${emulator.url}/v3/${emulator.projectId}/instances/${instance}/session-overview`;
    const seen: number[] = [];
    for (const advanceMs of steps) {
      wall += advanceMs;
      const response = await fetch(url, { headers: { 'X-Auth-Token': 't' } });
      await response.arrayBuffer();
      seen.push(response.status);
    }
    return { seen, stats: emulator.stats() };
  } finally {
    await emulator.close();
  }
}

test('the emulated gateway lets a second of requests through, then answers 429 until time refills it', async () => {
  const { seen, stats } = await statuses(2, [0, 0, 0, 500, 0]);
  assert.deepEqual(seen, [200, 200, 429, 200, 429]);
  assert.equal(stats.throttled, 2);
  assert.equal(stats.overviewRequests, 3);
});

test('a limit below one request a second still lets one through, then one every 1/rate seconds', async () => {
  const { seen } = await statuses(0.5, [0, 0, 1000, 1000]);
  assert.deepEqual(seen, [200, 429, 429, 200]);
});
