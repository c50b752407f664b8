import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { ApiError } from '../source/cloud/api-error.js';
import { parseSessionOverview } from '../source/cloud/session-overview.js';
import { resolveThresholds } from '../source/config/thresholds.js';
import { UsageError } from '../source/config/usage-error.js';
import { messages } from '../source/i18n/index.js';
import { languages } from '../source/language.js';
import { metricList, metrics } from '../source/metrics.js';
import { SampleRing } from '../source/monitor/sample-ring.js';
import { defaultThresholds, overviewLevel } from '../source/monitor/severity.js';
import { renderJson } from '../source/output/json.js';
import { renderTable } from '../source/output/table.js';
import { summarise } from '../source/ui/summary.js';

// Each metric gets its own value, so a metric read from or written to another's place shows.
const distinct = Object.fromEntries(
  metricList.map((metric, index) => [metric.key, 11 * (index + 1)]),
) as Record<(typeof metrics)[number], number>;
const body = (omit?: string) =>
  JSON.stringify(
    Object.fromEntries(
      metricList
        .filter((metric) => metric.apiField !== omit)
        .map((metric) => [metric.apiField, String(distinct[metric.key])]),
    ),
  );

test('the metric list is a leaf: it imports nothing', async () => {
  const source = await readFile(new URL('../source/metrics.ts', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /^\s*import\b/m);
});

test('the parser reads every metric from its API field and names the one that is missing', () => {
  assert.deepEqual(parseSessionOverview(body(), null), distinct);
  for (const { apiField } of metricList) {
    assert.throws(
      () => parseSessionOverview(body(apiField), 'req-1'),
      (error: unknown) => error instanceof ApiError && error.message.includes(`${apiField} is missing`),
      apiField,
    );
  }
});

test('the JSON writes every metric under its API field, in the list order; the table heads each in both languages', () => {
  const row = {
    projectId: 'p'.repeat(32),
    instanceId: 'i'.repeat(36),
    name: 'orders',
    overview: distinct,
    level: 'ok' as const,
    error: null,
  };
  const report = { time: new Date(0), rows: [row] };
  const [instance] = JSON.parse(renderJson(report)).instances;
  const fields = Object.keys(instance).filter((field) => field.endsWith('_num'));
  assert.deepEqual(
    fields,
    metricList.map((metric) => metric.apiField),
  );
  for (const metric of metricList) assert.equal(instance[metric.apiField], distinct[metric.key]);
  for (const language of languages) {
    const t = messages(language);
    const [heading = '', line = ''] = renderTable(report, t).split('\n');
    let from = 0;
    for (const metric of metrics) {
      const at = heading.indexOf(t.columns[metric], from);
      assert.ok(at >= from, `${language}: ${t.columns[metric]} after the previous metric in ${heading}`);
      from = at + 1;
    }
    assert.match(line, new RegExp(metrics.map((metric) => distinct[metric]).join('\\s+')));
  }
});

test('each config name sets its own thresholds, from the file and from --warn/--crit; the defaults are the list', () => {
  assert.deepEqual(
    defaultThresholds,
    Object.fromEntries(metricList.map((metric) => [metric.key, metric.defaults])),
  );
  for (const [index, metric] of metricList.entries()) {
    const file = { thresholds: { [metric.configName]: { warn: 1000 + index, crit: 2000 + index } } };
    const fromFile = resolveThresholds(file);
    assert.deepEqual(fromFile[metric.key], { warn: 1000 + index, crit: 2000 + index }, metric.configName);
    for (const other of metrics.filter((key) => key !== metric.key))
      assert.deepEqual(fromFile[other], defaultThresholds[other], `${metric.configName} leaves ${other}`);
    const fromFlags = resolveThresholds(
      {},
      [`${metric.configName}=${5 + index}`],
      [`${metric.configName}=900`],
    );
    assert.deepEqual(fromFlags[metric.key], { warn: 5 + index, crit: 900 });
  }
});

test('--warn names only metrics: a name every object has (constructor, toString) is refused', () => {
  for (const name of ['constructor', 'tostring', '__proto__', 'slowsql', 'slow_sql_num']) {
    assert.throws(
      () => resolveThresholds({}, [`${name}=5`]),
      (error: unknown) =>
        error instanceof UsageError && error.message.includes('metrics: total, active, slow_sql, lock'),
      name,
    );
  }
});

test('the sample ring, the level and the header sums keep every metric apart', () => {
  const ring = new SampleRing(2);
  for (const at of [1, 2, 3]) ring.push({ at, wallAt: at, overview: distinct });
  assert.deepEqual(
    ring.samples().map((sample) => sample.overview),
    [distinct, distinct],
  );
  for (const metric of metrics) {
    const alarm = {
      ...Object.fromEntries(metrics.map((key) => [key, 0])),
      [metric]: defaultThresholds[metric].crit,
    };
    assert.equal(overviewLevel(alarm as typeof distinct, defaultThresholds), 'crit', metric);
  }
  const view = {
    key: 'k',
    projectId: 'p',
    instanceId: 'i',
    name: 'n',
    latest: { at: 0, wallAt: 0, overview: distinct },
    previous: null,
    level: 'ok',
    dataLevel: 'ok',
    error: null,
    latencyMs: 1,
    trend: [],
    successes: 1,
    failures: 0,
    levelSince: 0,
    recoveredAt: null,
    endpoint: 'https://fake',
  } as const;
  assert.deepEqual(summarise([view, view], 0, 1000).sums, {
    ...Object.fromEntries(metrics.map((metric) => [metric, 2 * distinct[metric]])),
  });
});
