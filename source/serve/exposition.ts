// The Prometheus text exposition of a feed, written by hand: prom-client rendered the 70,000 series of
// 10,000 instances in 300-760 ms here, above the 200 ms budget (bench/README.md, /metrics), because it
// builds every label set from its object on each scrape. Here the label text of an instance is built
// once and kept until its name changes. renderExposition writes the whole text from scratch (the
// reference, and the bench's baseline); `serve` answers from exposition-cache.ts, which keeps each
// instance's labels and values encoded and must produce the same bytes.
import { shownEndpoint } from '../cloud/endpoints.js';
import type { InstanceView, MonitorSnapshot } from '../feed/feed.js';
import { metricList } from '../metrics.js';
import { durationBuckets, outcomes, type RequestStats } from '../monitor/request-stats.js';
import { printable } from '../server-text.js';

/** The four counts, named as the exposition names them (same order as the metric list). */
export const sessionGauges = {
  total: 'gaussdb_sessions_total',
  active: 'gaussdb_sessions_active',
  slowSql: 'gaussdb_sessions_slow_sql',
  lock: 'gaussdb_sessions_lock_waiting',
} as const;

const levelValue = { ok: 0, warn: 1, crit: 2 } as const;

/** A label value per the exposition format: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) =>
    character === '\\' ? '\\\\' : character === '"' ? '\\"' : '\\n',
  );
}

/**
 * A name from the API as a label keeps its line breaks (escaped as the format wants) but nothing else
 * that could act on a terminal or hide a secret: each line passes the sanitiser.
 */
function labelText(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

function help(name: string, text: string, type: 'gauge' | 'counter' | 'histogram'): string {
  return `# HELP ${name} ${text}\n# TYPE ${name} ${type}\n`;
}

/** A number as the format writes it (integers without a fraction, `+Inf`, `NaN`). */
function value(number: number): string {
  if (Number.isNaN(number)) return 'NaN';
  if (number === Number.POSITIVE_INFINITY) return '+Inf';
  if (number === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(number);
}

/** An instance's `{project_id=...}` text; names come from the API (hostile text). */
export function labelSet(view: InstanceView): string {
  const pairs = [
    ['project_id', view.projectId],
    ['instance_id', view.instanceId],
    ['instance_name', view.name],
    // Never the userinfo of `https://user:password@host`.
    ['endpoint', shownEndpoint(view.endpoint)],
  ];
  return `{${pairs.map(([key, text]) => `${key}="${escapeLabelValue(labelText(text ?? ''))}"`).join(',')}}`;
}

/** Builds and keeps each instance's label text until its name changes. */
export class LabelCache {
  private readonly byKey = new Map<string, { name: string; labels: string }>();

  labels(view: InstanceView): string {
    const kept = this.byKey.get(view.key);
    if (kept && kept.name === view.name) return kept.labels;
    const labels = labelSet(view);
    this.byKey.set(view.key, { name: view.name, labels });
    return labels;
  }

  /** Forgets instances that are gone (rediscovery), once the cache holds twice as many as the fleet. */
  prune(instances: readonly InstanceView[]): void {
    if (this.byKey.size <= 2 * instances.length) return;
    const kept = new Set(instances.map((view) => view.key));
    for (const key of this.byKey.keys()) if (!kept.has(key)) this.byKey.delete(key);
  }
}

/** Whether the last attempt answered; null while it was never asked (no sample then, not a zero). */
function upValue(view: InstanceView): number | null {
  if (view.error) return 0;
  return view.latest ? 1 : null;
}

const answered = (view: InstanceView) => view.latest !== null && view.error === null;

/** One per-instance metric family: its header, and the sample an instance has in it (null: none). */
export interface InstanceFamily {
  name: string;
  header: string;
  sample(view: InstanceView): number | null;
}

function family(
  name: string,
  text: string,
  sample: (view: InstanceView) => number | null | undefined,
): InstanceFamily {
  return { name, header: help(name, text, 'gauge'), sample: (view) => sample(view) ?? null };
}

/** The per-instance families in the order the exposition writes them; declared once for every renderer. */
export const instanceFamilies: readonly InstanceFamily[] = [
  ...metricList.map((metric) =>
    family(sessionGauges[metric.key], `Sessions (${metric.apiField}) at the last answer.`, (view) =>
      answered(view) ? view.latest?.overview[metric.key] : null,
    ),
  ),
  family('gaussdb_instance_up', '1 when the last attempt answered, 0 when it failed.', upValue),
  family(
    'gaussdb_instance_last_success_timestamp_seconds',
    'Wall time of the last answer, in seconds since the epoch.',
    (view) => (view.latest ? view.latest.wallAt / 1000 : null),
  ),
  family('gaussdb_instance_level', 'Level of the last answer: 0 ok, 1 warn, 2 crit.', (view) => {
    if (!answered(view)) return null;
    const level = view.dataLevel ?? view.level;
    return level in levelValue ? levelValue[level as keyof typeof levelValue] : null;
  }),
];

/** One sample line of an instance, or '' when it has no sample in the family. */
export function sampleLine(family: InstanceFamily, view: InstanceView, labels: string): string {
  const tail = sampleTail(family, view);
  return tail && `${family.name}${labels}${tail}`;
}

/** What follows the labels on an instance's line (` 42\n`), or '' when it has no sample in the family. */
export function sampleTail(family: InstanceFamily, view: InstanceView): string {
  const sample = family.sample(view);
  return sample === null ? '' : ` ${value(sample)}\n`;
}

function instanceText(instances: readonly InstanceView[], cache: LabelCache): string[] {
  const parts: string[] = [];
  for (const family of instanceFamilies) {
    parts.push(family.header);
    for (const view of instances) parts.push(sampleLine(family, view, cache.labels(view)));
  }
  return parts;
}

/** The poller's own families (request counts, durations, rate): small, rendered on every scrape. */
export function pollerFamilies(
  snapshot: MonitorSnapshot,
  stats: RequestStats | undefined,
  now: number,
): string[] {
  const parts: string[] = [];
  if (stats) {
    parts.push(help('gaussdb_api_requests_total', 'Session overview requests sent, by outcome.', 'counter'));
    for (const outcome of outcomes)
      parts.push(`gaussdb_api_requests_total{outcome="${outcome}"} ${stats.counts[outcome]}\n`);
    const histogram = 'gaussdb_api_request_duration_seconds';
    parts.push(help(histogram, 'How long session overview requests took.', 'histogram'));
    for (const [index, bound] of durationBuckets.entries())
      parts.push(`${histogram}_bucket{le="${bound}"} ${stats.buckets[index] ?? 0}\n`);
    parts.push(`${histogram}_bucket{le="+Inf"} ${stats.count}\n`);
    parts.push(`${histogram}_sum ${value(stats.sumSeconds)}\n${histogram}_count ${stats.count}\n`);
  }
  const { status } = snapshot;
  parts.push(
    help('gaussdb_poller_rate_per_second', 'Requests per second the poller allows itself now.', 'gauge'),
  );
  parts.push(`gaussdb_poller_rate_per_second ${value(status.effectiveRate)}\n`);
  parts.push(help('gaussdb_poller_throttled', '1 while a 429 holds requests back or slows them.', 'gauge'));
  const throttled =
    (status.throttledUntil !== null && status.throttledUntil > now) ||
    status.effectiveRate < status.configuredRate;
  parts.push(`gaussdb_poller_throttled ${throttled ? 1 : 0}\n`);
  return parts;
}

/**
 * The whole exposition from scratch: every instance's families, then the poller's. `now` is monotonic
 * time. `serve` answers from an ExpositionCache (exposition-cache.ts), which must give the same text.
 */
export function renderExposition(
  snapshot: MonitorSnapshot,
  cache: LabelCache,
  stats: RequestStats | undefined,
  now: number,
): string {
  cache.prune(snapshot.instances);
  return [...instanceText(snapshot.instances, cache), ...pollerFamilies(snapshot, stats, now)].join('');
}
