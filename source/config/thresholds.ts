import { defaultThresholds, type Metric, type Thresholds } from '../monitor/severity.js';
import type { ConfigFile } from './config-file.js';
import { quote } from './identifiers.js';
import { UsageError } from './usage-error.js';

/** Metric names as users write them (the API's field names without `_num`). */
const metricNames: Record<string, Metric> = {
  total: 'total',
  active: 'active',
  slow_sql: 'slowSql',
  lock: 'lock',
};

function parseAssignments(flag: string, values: readonly string[]): Partial<Record<Metric, number>> {
  const result: Partial<Record<Metric, number>> = {};
  for (const value of values) {
    const match = /^([a-z_]+)=(\d+)$/.exec(value.trim());
    const metric = match ? metricNames[match[1] ?? ''] : undefined;
    if (!match || !metric) {
      throw new UsageError(
        `${flag} must look like lock=10 (metrics: ${Object.keys(metricNames).join(', ')}), got ${quote(value)}`,
      );
    }
    result[metric] = Number(match[2]);
  }
  return result;
}

/** Defaults, then the config file's `[thresholds]`, then `--warn metric=N` and `--crit metric=N`. */
export function resolveThresholds(
  file: ConfigFile,
  warnFlags: readonly string[] = [],
  critFlags: readonly string[] = [],
): Thresholds {
  const warn = parseAssignments('--warn', warnFlags);
  const crit = parseAssignments('--crit', critFlags);
  const fromFile: Partial<Record<Metric, { warn?: number | undefined; crit?: number | undefined }>> = {
    total: file.thresholds?.total,
    active: file.thresholds?.active,
    slowSql: file.thresholds?.slow_sql,
    lock: file.thresholds?.lock,
  };
  const resolved = {} as Thresholds;
  for (const [name, metric] of Object.entries(metricNames)) {
    const file = fromFile[metric];
    const threshold = {
      warn: warn[metric] ?? file?.warn ?? defaultThresholds[metric].warn,
      crit: crit[metric] ?? file?.crit ?? defaultThresholds[metric].crit,
    };
    if (threshold.crit < threshold.warn) {
      throw new UsageError(
        `threshold for ${name}: crit (${threshold.crit}) must be >= warn (${threshold.warn})`,
      );
    }
    resolved[metric] = threshold;
  }
  return resolved;
}
