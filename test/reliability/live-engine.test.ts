import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fault } from '../../source/emulator/faults.js';
import { startEmulator } from '../../source/emulator/server.js';
import { startLiveEngine } from '../helpers/live-engine.js';

const token = 'engine-token';
const intervalMs = 1000;
const timeoutMs = 500;
/**
 * How long a condition may take before the test gives up: many intervals, so a loaded machine (two
 * busy cores) is never mistaken for a stalled poller. The conditions themselves carry the meaning.
 */
const patient = 20 * intervalMs;

// Each fault on its own instance, all at once, while healthy instances keep being polled.
const faults: [string, Fault, string][] = [
  ['hang', { kind: 'hang' }, 'TIMEOUT'],
  ['headers then a stalled body', { kind: 'stall-body' }, 'TIMEOUT'],
  ['a dripping body', { kind: 'drip', intervalMs: 200 }, 'TIMEOUT'],
  ['reset mid-body', { kind: 'reset' }, 'NETWORK'],
  ['500 JSON', { kind: 'status', status: 500 }, 'DBS.200000'],
  ['502 HTML', { kind: 'status', status: 502, body: 'html' }, 'HTTP'],
  ['503 empty', { kind: 'status', status: 503, body: 'empty' }, 'HTTP'],
  ['504 JSON', { kind: 'status', status: 504 }, 'DBS.200000'],
  ['404 instance gone', { kind: 'status', status: 404 }, 'DBS.200002'],
  ['403 status forbids', { kind: 'status', status: 403 }, 'DBS.200011'],
  ['malformed JSON', { kind: 'body', text: '{"total_num":' }, 'BAD_RESPONSE'],
  ['a JSON array', { kind: 'body', text: '[]' }, 'BAD_RESPONSE'],
  ['missing fields', { kind: 'body', text: '{"total_num":"1"}' }, 'BAD_RESPONSE'],
  [
    'a negative count',
    { kind: 'body', text: '{"active_num":"-1","total_num":"1","slow_sql_num":"0","lock_num":"0"}' },
    'BAD_RESPONSE',
  ],
  [
    'a fractional count',
    { kind: 'body', text: '{"active_num":"1.5","total_num":"2","slow_sql_num":"0","lock_num":"0"}' },
    'BAD_RESPONSE',
  ],
  [
    'a non-digit count',
    { kind: 'body', text: '{"active_num":"x","total_num":"2","slow_sql_num":"0","lock_num":"0"}' },
    'BAD_RESPONSE',
  ],
  [
    'a 30-digit count',
    {
      kind: 'body',
      text: `{"active_num":"${'9'.repeat(30)}","total_num":"2","slow_sql_num":"0","lock_num":"0"}`,
    },
    'BAD_RESPONSE',
  ],
  ['a 50 MB body', { kind: 'oversized', bytes: 50 * 1024 * 1024 }, 'TOO_LARGE'],
];

test('every fault shows on its instance, the others keep refreshing, and each recovers soon after it clears', async () => {
  const healthyCount = 4;
  const emulator = await startEmulator({ instances: faults.length + healthyCount, credentials: { token } });
  const engine = await startLiveEngine(emulator, token, { intervalMs, timeoutMs });
  try {
    const faulty = emulator.instances.slice(0, faults.length);
    const healthy = emulator.instances.slice(faults.length);
    await engine.until(
      () => emulator.instances.every((instance) => engine.view(instance.id).latest !== null),
      patient,
      'first answers',
    );

    for (const [index, [, fault]] of faults.entries()) emulator.setFault(faulty[index]?.id ?? '', fault);
    await engine.until(
      () => faults.every(([, , code], index) => engine.view(faulty[index]?.id ?? '').error?.code === code),
      patient,
      'every fault to show',
    );
    for (const [index, [name, , code]] of faults.entries()) {
      const view = engine.view(faulty[index]?.id ?? '');
      assert.equal(view.error?.code, code, name);
      assert.equal(view.level, 'error', name);
      assert.ok(view.latest, `${name}: the last good values are kept`);
      assert.ok(Object.values(view.latest?.overview ?? {}).every(Number.isInteger), `${name}: no NaN`);
    }
    // While every fault is active, the healthy instances keep refreshing: two more answers each, while
    // each faulty instance has gone on failing (its failures counted too, so neither side only waited).
    const successes = new Map(healthy.map((instance) => [instance.id, engine.view(instance.id).successes]));
    const failures = new Map(faulty.map((instance) => [instance.id, engine.view(instance.id).failures]));
    await engine.until(
      () =>
        healthy.every(
          (instance) => engine.view(instance.id).successes >= (successes.get(instance.id) ?? 0) + 2,
        ) &&
        faulty.every((instance) => engine.view(instance.id).failures >= (failures.get(instance.id) ?? 0) + 1),
      patient,
      'healthy instances to keep refreshing during the faults',
    );
    for (const instance of healthy) assert.equal(engine.view(instance.id).error, null);

    for (const instance of faulty) emulator.setFault(instance.id, undefined);
    await engine.until(
      () => faulty.every((instance) => engine.view(instance.id).error === null),
      patient,
      'recovery',
    );
  } finally {
    await engine.stop();
    await emulator.close();
  }
});

test('429s slow the whole poller down, it says so, and the server never sees more than the budget', async () => {
  const emulator = await startEmulator({ instances: 40, credentials: { token }, rateLimit: 8 });
  const rate = 20;
  const engine = await startLiveEngine(emulator, token, { intervalMs, timeoutMs, rate });
  try {
    const throttled = () => engine.monitor.store.getSnapshot().status.throttledUntil !== null;
    await engine.until(throttled, patient, 'the header to say THROTTLED');
    emulator.resetStats();
    const windowMs = 4000;
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const stats = emulator.stats();
    const received = stats.overviewRequests + stats.throttled;
    assert.ok(received <= (rate * windowMs) / 1000, `at most the budget: ${received}`);
    assert.ok(engine.monitor.store.getSnapshot().status.effectiveRate < rate, 'the effective rate went down');
  } finally {
    await engine.stop();
    await emulator.close();
  }
});

test('an emulator restarted mid-run (every connection dropped) is picked up again without a restart', async () => {
  const first = await startEmulator({ instances: 3, credentials: { token } });
  const { port } = first;
  const engine = await startLiveEngine(first, token, { intervalMs, timeoutMs });
  try {
    const ids = first.instances.map((instance) => instance.id);
    await engine.until(() => ids.every((id) => engine.view(id).latest !== null), patient, 'first answers');
    await first.close();
    await engine.until(
      () => ids.every((id) => engine.view(id).error?.code === 'NETWORK'),
      patient,
      'the outage to show',
    );
    const second = await startEmulator({ instances: 3, credentials: { token }, port });
    try {
      await engine.until(() => ids.every((id) => engine.view(id).error === null), patient, 'recovery');
    } finally {
      await second.close();
    }
  } finally {
    await engine.stop();
  }
});
