/**
 * The four counts of "Querying Real-Time Session Overview", declared once. The parser reads each
 * `apiField`, the store and its sample ring keep each `key`, `--warn`/`--crit` and the config file's
 * `[thresholds]` take each `configName`, the JSON writes each `apiField`, and the screen and the table
 * show each in this order. A metric's labels are its `key` in the i18n catalogues (`t.metrics`,
 * `t.columns`, `t.sortNames`): the compiler demands them in both languages.
 *
 * The default thresholds suit a busy OLTP instance: hundreds of connections are normal, a handful of
 * lock waits or slow statements already deserve a look, dozens are an incident.
 *
 * A leaf: it imports nothing, so every layer may read it.
 */
export const metricList = [
  { key: 'total', apiField: 'total_num', configName: 'total', defaults: { warn: 800, crit: 1500 } },
  { key: 'active', apiField: 'active_num', configName: 'active', defaults: { warn: 50, crit: 100 } },
  { key: 'slowSql', apiField: 'slow_sql_num', configName: 'slow_sql', defaults: { warn: 3, crit: 10 } },
  { key: 'lock', apiField: 'lock_num', configName: 'lock', defaults: { warn: 3, crit: 10 } },
] as const;

export type MetricDescriptor = (typeof metricList)[number];
export type Metric = MetricDescriptor['key'];
/** A metric as users write it in `--warn slow_sql=5` and in `[thresholds]`. */
export type MetricConfigName = MetricDescriptor['configName'];

/** The metrics' keys, in the order they are shown. */
export const metrics: readonly Metric[] = metricList.map((metric) => metric.key);
