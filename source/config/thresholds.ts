import { type Metric, metricList } from '../metrics.js';
import { defaultThresholds, type Thresholds } from '../monitor/severity.js';
import type { ConfigFile } from './config-file.js';
import { quote } from './identifiers.js';
import { UsageError } from './usage-error.js';

/** Metric names as users write them (the API's field names without `_num`). A Map: `constructor=5` is no metric. */
const metricNames = new Map<string, Metric>(metricList.map((metric) => [metric.configName, metric.key]));

function parseAssignments(flag: string, values: readonly string[]): Partial<Record<Metric, number>> {
  const result: Partial<Record<Metric, number>> = {};
  for (const value of values) {
    const match = /^([a-z_]+)=(\d+)$/.exec(value.trim());
    const metric = match ? metricNames.get(match[1] ?? '') : undefined;
    if (!match || !metric) {
      throw new UsageError(
        `${flag} must look like lock=10 (metrics: ${[...metricNames.keys()].join(', ')}), got ${quote(value)}`,
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
  const fromFile = file.thresholds;
  const resolved = {} as Thresholds;
  for (const { key: metric, configName: name } of metricList) {
    const file = fromFile?.[name];
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
