import type { SessionOverview } from '../cloud/session-overview.js';
import { metrics } from '../monitor/severity.js';
import type { InstanceView, MonitorSnapshot } from '../monitor/store.js';

export interface FleetSummary {
  total: number;
  /** Instances whose last attempt answered. */
  answering: number;
  /** Sums over answering instances only: an unreachable one's old counts would make them a lie. */
  crit: number;
  warn: number;
  error: number;
  sums: SessionOverview;
}

/**
 * Counts and sums for the header. Only instances whose last attempt answered, with data that is not
 * stale, count as answering: the header must not say "40/40 OK" while every row has gone stale.
 */
export function summarise(
  instances: readonly InstanceView[],
  now: number,
  staleAfterMs: number,
): FleetSummary {
  const sums: SessionOverview = { total: 0, active: 0, slowSql: 0, lock: 0 };
  let answering = 0;
  const counts = { crit: 0, warn: 0, error: 0 };
  for (const view of instances) {
    if (view.latest && !view.error && now - view.latest.at <= staleAfterMs) {
      answering++;
      for (const metric of metrics) sums[metric] += view.latest.overview[metric];
    }
    if (view.level === 'crit' || view.level === 'warn' || view.level === 'error') counts[view.level]++;
  }
  return { total: instances.length, answering, ...counts, sums };
}

/**
 * How often each instance is really asked: the interval, or longer when the request budget cannot
 * cover every instance within it.
 */
export function effectivePeriodMs(snapshot: MonitorSnapshot): number {
  const { intervalMs, effectiveRate } = snapshot.status;
  return Math.max(intervalMs, Math.ceil((snapshot.instances.length / effectiveRate) * 1000));
}

/** Data older than this is stale and says so. */
export function staleAfterMs(snapshot: MonitorSnapshot): number {
  return 2 * effectivePeriodMs(snapshot) + 2000;
}
