import { type Metric, metrics } from '../metrics.js';
import type { InstanceView, MonitorSnapshot } from '../monitor/store.js';

export interface FleetSummary {
  total: number;
  /** Instances whose last attempt answered with data that is not stale: the header's OK count. */
  fresh: number;
  /** Instances with any data at all, fresh or old. */
  withData: number;
  /** Monotonic time of the newest answer of any instance, or null before the first. */
  newestAt: number | null;
  /**
   * Instances by the level of their last known data: one that now fails still counts as CRIT when its
   * data was, so an error never hides the worst thing on screen. `error` counts every failing one.
   */
  crit: number;
  warn: number;
  error: number;
  /** Sums over fresh instances only (`fresh` of `total`): old counts would make them a lie. */
  sums: Record<Metric, number>;
}

export function summarise(
  instances: readonly InstanceView[],
  now: number,
  staleAfterMs: number,
): FleetSummary {
  const sums = Object.fromEntries(metrics.map((metric) => [metric, 0])) as Record<Metric, number>;
  let fresh = 0;
  let withData = 0;
  let newestAt: number | null = null;
  const counts = { crit: 0, warn: 0, error: 0 };
  for (const view of instances) {
    if (view.latest) {
      withData++;
      newestAt = Math.max(newestAt ?? view.latest.at, view.latest.at);
      if (!view.error && now - view.latest.at <= staleAfterMs) {
        fresh++;
        for (const metric of metrics) sums[metric] += view.latest.overview[metric];
      }
    }
    const known = view.level === 'error' ? view.dataLevel : view.level;
    if (known === 'crit' || known === 'warn') counts[known]++;
    if (view.level === 'error') counts.error++;
  }
  return { total: instances.length, fresh, withData, newestAt, ...counts, sums };
}

/**
 * How often each instance is really asked: the interval, or longer when the request budget cannot
 * cover every instance within it. Throttling lowers the budget, so this stretches while throttled.
 */
export function effectivePeriodMs(snapshot: MonitorSnapshot): number {
  const { intervalMs, effectiveRate } = snapshot.status;
  return Math.max(intervalMs, Math.ceil((snapshot.instances.length / effectiveRate) * 1000));
}
