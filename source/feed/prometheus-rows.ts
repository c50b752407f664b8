// What Prometheus' answers become, checked as strictly as the API's: counts by the API's own rule
// (cloud/session-overview.ts), a requested instance with no series as an error row, and history with
// its gaps left as gaps.
import { parseCount } from '../cloud/session-overview.js';
import type { InstanceError, InstanceView, Sample } from '../monitor/store.js';
import type { SessionOverview } from '../overview.js';
import { serverText } from '../server-text.js';
import type { Matrix } from './prometheus-query.js';

/** The gauges `serve` exports for the counts, and the field each one fills. */
export const gauges = {
  gaussdb_sessions_total: 'total',
  gaussdb_sessions_active: 'active',
  gaussdb_sessions_slow_sql: 'slowSql',
  gaussdb_sessions_lock_waiting: 'lock',
} as const satisfies Record<string, keyof SessionOverview>;

type GaugeName = keyof typeof gauges;

/** The four counts from the samples' texts, or which one is missing or not a count. */
export function parseCounts(
  text: (metric: GaugeName) => string | undefined,
): { overview: SessionOverview } | { missing: GaugeName } | { bad: GaugeName; text: string } {
  const overview = {} as SessionOverview;
  for (const [metric, field] of Object.entries(gauges) as [GaugeName, keyof SessionOverview][]) {
    const value = text(metric);
    if (value === undefined) return { missing: metric };
    const count = parseCount(value);
    if (count === undefined) return { bad: metric, text: value };
    overview[field] = count;
  }
  return { overview };
}

/** The error of a sample that is not a count: a bad answer, as from the API. */
export function badCountError(metric: string, text: string, at: number): InstanceError {
  return {
    status: null,
    code: 'BAD_RESPONSE',
    message: `${metric} is not a count: ${serverText(JSON.stringify(text), 25)}`,
    requestId: null,
    at,
  };
}

/**
 * The row of an instance asked for by id that Prometheus has no series of: named, and failing the run,
 * rather than an empty fleet that reads as healthy.
 */
export function missingView(instanceId: string, before: InstanceView | undefined, now: number): InstanceView {
  const id = serverText(instanceId, 64);
  return {
    key: `missing ${instanceId}`,
    endpoint: '',
    projectId: '',
    instanceId: id,
    name: id,
    latest: null,
    previous: null,
    level: 'error',
    dataLevel: null,
    error: {
      status: null,
      code: 'NO_SERIES',
      message: 'Prometheus has no series for this instance',
      requestId: null,
      at: before?.error?.at ?? now,
    },
    latencyMs: null,
    trend: [],
    successes: 0,
    failures: (before?.failures ?? 0) + 1,
    levelSince: before?.levelSince ?? now,
    recoveredAt: null,
  };
}

/**
 * The range query's answer as samples, oldest first. A time is a sample only when all four counts are
 * there and are counts: a series missing at a time (a scrape lost, a restart) is a gap, not a zero.
 */
export function historySamples(matrix: Matrix, now: number, wallNow: number): Sample[] {
  const texts = new Map<number, Map<string, string>>();
  for (const series of matrix) {
    const name = series.metric.__name__ ?? '';
    if (!Object.hasOwn(gauges, name)) continue;
    for (const [seconds, text] of series.values) {
      const at = seconds * 1000;
      const byName = texts.get(at) ?? new Map<string, string>();
      texts.set(at, byName);
      byName.set(name, text);
    }
  }
  const samples: Sample[] = [];
  for (const [wallAt, byName] of texts) {
    const counts = parseCounts((metric) => byName.get(metric));
    if ('overview' in counts)
      samples.push({ at: now - (wallNow - wallAt), wallAt, overview: counts.overview });
  }
  return samples.sort((a, b) => a.at - b.at);
}
