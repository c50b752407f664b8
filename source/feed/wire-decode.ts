// The wire documents (wire-format.ts) back into what the screen reads: instance views with times on
// this machine's monotonic clock, and the poller's status. Every string passes the sanitiser again:
// what a poller sends is server text.
import type { InstanceView, PollerStatus, Sample } from '../monitor/store.js';
import { serverText } from '../server-text.js';
import type { WireHistorySample, WireInstance, WirePoller, WireSample } from './wire-format.js';

const text = (value: string) => serverText(value, 500);
const since = (now: number, age: number | null) => (age === null ? null : now - age);
const until = (now: number, dueIn: number | null) => (dueIn === null ? null : now + dueIn);

function sample(wire: WireSample | null, now: number): Sample | null {
  if (!wire) return null;
  const wallAt = Date.parse(wire.time);
  return {
    at: now - wire.age_ms,
    wallAt: Number.isFinite(wallAt) ? wallAt : Date.now() - wire.age_ms,
    overview: {
      total: wire.total_num,
      active: wire.active_num,
      slowSql: wire.slow_sql_num,
      lock: wire.lock_num,
    },
  };
}

export function historySample(wire: WireHistorySample, now: number): Sample {
  const [age, wallAt, total, active, slowSql, lock] = wire;
  return { at: now - age, wallAt, overview: { total, active, slowSql, lock } };
}

export function decodeInstance(wire: WireInstance, now: number): InstanceView {
  return {
    key: text(wire.key),
    endpoint: text(wire.endpoint),
    projectId: text(wire.project_id),
    instanceId: text(wire.instance_id),
    name: text(wire.name),
    latest: sample(wire.last, now),
    previous: sample(wire.previous, now),
    level: wire.level,
    dataLevel: wire.data_level,
    error: wire.error
      ? {
          status: wire.error.status,
          code: text(wire.error.code),
          message: text(wire.error.message),
          requestId: wire.error.request_id === null ? null : text(wire.error.request_id),
          at: now - wire.error.age_ms,
        }
      : null,
    latencyMs: wire.latency_ms,
    trend: wire.trend,
    successes: wire.successes,
    failures: wire.failures,
    levelSince: since(now, wire.level_since_age_ms),
    recoveredAt: since(now, wire.recovered_age_ms),
  };
}

export function decodePoller(wire: WirePoller, now: number): PollerStatus {
  return {
    paused: wire.paused,
    intervalMs: wire.interval_ms,
    configuredRate: wire.configured_rate,
    effectiveRate: wire.effective_rate,
    throttledUntil: until(now, wire.throttled_for_ms),
    credentials: wire.credentials.map((entry) => ({
      kind: entry.kind,
      where: text(entry.where),
      state: entry.state,
      nextTryAt: until(now, entry.next_try_in_ms),
      advice: text(entry.advice),
      message: text(entry.message),
    })),
    discovery: wire.discovery.map((entry) => ({
      target: text(entry.target),
      message: text(entry.message),
      nextTryAt: until(now, entry.next_try_in_ms),
    })),
  };
}
