import type { SessionOverview } from '../cloud/session-overview.js';

export const levels = ['ok', 'warn', 'crit', 'error'] as const;
export type Level = (typeof levels)[number];
export type Metric = keyof SessionOverview;
export const metrics: readonly Metric[] = ['total', 'active', 'slowSql', 'lock'];

/** A metric is at `warn` from `warn` upwards and at `crit` from `crit` upwards. */
export interface Threshold {
  warn: number;
  crit: number;
}

export type Thresholds = Record<Metric, Threshold>;

/**
 * Defaults for a busy OLTP instance: hundreds of connections are normal, a handful of lock waits or
 * slow statements already deserve a look, dozens are an incident.
 */
export const defaultThresholds: Thresholds = {
  total: { warn: 800, crit: 1500 },
  active: { warn: 50, crit: 100 },
  slowSql: { warn: 3, crit: 10 },
  lock: { warn: 3, crit: 10 },
};

export function metricLevel(value: number, threshold: Threshold): Level {
  if (value >= threshold.crit) return 'crit';
  if (value >= threshold.warn) return 'warn';
  return 'ok';
}

const rank: Record<Level, number> = { ok: 0, warn: 1, crit: 2, error: 3 };

export function worse(a: Level, b: Level): Level {
  return rank[a] >= rank[b] ? a : b;
}

export function levelRank(level: Level): number {
  return rank[level];
}

/** The worst level across the four counts. */
export function overviewLevel(overview: SessionOverview, thresholds: Thresholds): Level {
  return metrics.reduce<Level>(
    (level, metric) => worse(level, metricLevel(overview[metric], thresholds[metric])),
    'ok',
  );
}
