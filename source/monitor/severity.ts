import type { SessionOverview } from '../cloud/session-overview.js';
import { type Metric, metricList, metrics } from '../metrics.js';

export const levels = ['ok', 'warn', 'crit', 'error'] as const;
export type Level = (typeof levels)[number];

/** A metric is at `warn` from `warn` upwards and at `crit` from `crit` upwards. */
export interface Threshold {
  warn: number;
  crit: number;
}

export type Thresholds = Record<Metric, Threshold>;

/** Each metric's own defaults (metrics.ts). */
export const defaultThresholds: Thresholds = Object.fromEntries(
  metricList.map((metric) => [metric.key, { ...metric.defaults }]),
) as Thresholds;

export function metricLevel(value: number, threshold: Threshold): Level {
  if (value >= threshold.crit) return 'crit';
  if (value >= threshold.warn) return 'warn';
  return 'ok';
}

const rank: Record<Level, number> = { ok: 0, warn: 1, crit: 2, error: 3 };

export function worse(a: Level, b: Level): Level {
  return rank[a] >= rank[b] ? a : b;
}

/** The worst level across the four counts. */
export function overviewLevel(overview: SessionOverview, thresholds: Thresholds): Level {
  return metrics.reduce<Level>(
    (level, metric) => worse(level, metricLevel(overview[metric], thresholds[metric])),
    'ok',
  );
}
