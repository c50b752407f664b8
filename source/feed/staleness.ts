import type { MonitorSnapshot } from '../monitor/store.js';

/** Slack for a late answer: grid-aligned wake-ups, latency, a slow reply. */
const staleGraceMs = 3000;

/**
 * Data older than this is stale and says so: twice the period each instance is meant to be asked at
 * (the interval, or the round `--rate` allows) plus a few seconds, so one late or lost answer is
 * forgiven and a second is not. It is never stretched by throttling, backoff or a pause: the
 * configured rate, not the effective one, sets it, and a monitor that receives nothing looks stale.
 */
export function staleAfterMs(snapshot: MonitorSnapshot): number {
  const { intervalMs, configuredRate } = snapshot.status;
  const plannedMs = Math.max(intervalMs, Math.ceil((snapshot.instances.length / configuredRate) * 1000));
  return 2 * plannedMs + staleGraceMs;
}
