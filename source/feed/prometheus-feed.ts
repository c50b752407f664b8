// A screen that reads Prometheus (or Thanos, Mimir, VictoriaMetrics) instead of the API: every
// interval one instant query for the gauges `serve` exports, grouped per instance. Staleness comes
// from the samples' own times (the last success timestamp), so a fleet split over several pollers
// reads back as one. The details view's history is a range query, asked when it is opened.
import type { Language } from '../language.js';
import type { Thresholds } from '../monitor/severity.js';
import { overviewLevel } from '../monitor/severity.js';
import type { InstanceView, MonitorSnapshot, PollerStatus, Sample } from '../monitor/store.js';
import { printable, serverText } from '../server-text.js';
import type { Clock, Timers } from '../time.js';
import type { Capability, Feed } from './feed.js';
import {
  type PrometheusClient,
  prometheusClient,
  promqlRegexLiteral,
  type Vector,
} from './prometheus-query.js';
import { badCountError, gauges, historySamples, missingView, parseCounts } from './prometheus-rows.js';

export interface PrometheusFeedOptions {
  url: string;
  token?: string | undefined;
  /** Only these instance ids; all that Prometheus has when empty. */
  instanceIds: readonly string[];
  intervalMs: number;
  timeoutMs: number;
  thresholds: Thresholds;
  language: Language;
  clock: Clock;
  timers: Timers;
  client?: PrometheusClient;
}

export interface PrometheusFeed extends Feed {
  /** Settles after the first query, or rejects when it failed (for `--once`). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const extra = [
  'gaussdb_instance_up',
  'gaussdb_instance_last_success_timestamp_seconds',
  'gaussdb_poller_throttled',
];
const historyWindowS = 10 * 60;
const capabilities: readonly Capability[] = ['pause', 'refresh', 'language'];

function selector(instanceIds: readonly string[], names: readonly string[]): string {
  const filter = instanceIds.length ? `,instance_id=~"${instanceIds.map(promqlRegexLiteral).join('|')}"` : '';
  return `{__name__=~"${names.join('|')}"${filter}}`;
}

interface Series {
  labels: Record<string, string>;
  /** Each sample's text as Prometheus sent it (counts are checked like the API's), and its time. */
  values: Map<string, { value: number; text: string; at: number }>;
}

/** The answer grouped per instance (project, instance, endpoint), whichever poller exported it. */
function groupSeries(vector: Vector): Map<string, Series> {
  const byKey = new Map<string, Series>();
  for (const { metric, value } of vector) {
    const name = metric.__name__ ?? '';
    const instanceId = metric.instance_id;
    if (!instanceId) continue;
    const key = `${metric.endpoint ?? ''} ${metric.project_id ?? ''} ${instanceId}`;
    const series = byKey.get(key) ?? { labels: metric, values: new Map() };
    byKey.set(key, series);
    series.values.set(name, { value: Number(value[1]), text: value[1], at: value[0] * 1000 });
  }
  return byKey;
}

export function prometheusFeed(options: PrometheusFeedOptions): PrometheusFeed {
  const { clock } = options;
  const client = options.client ?? prometheusClient(options.url, options.token, options.timeoutMs);
  const name = printable(new URL(options.url).host);
  const listeners = new Set<() => void>();
  const ready = Promise.withResolvers<void>();
  ready.promise.catch(() => undefined);
  const histories = new Map<string, { asked: number; samples: Sample[] }>();
  let views = new Map<string, InstanceView>();
  let order: string[] = [];
  let paused = false;
  let language = options.language;
  let heard = false;
  let throttled = false;
  let lastChangeWall: number | null = null;
  let source = { name, reachable: true, downSince: null as number | null, message: '' };
  let timer: unknown;
  let closed = false;
  const startedAt = clock.monotonic();
  const status = (): PollerStatus => ({
    paused,
    intervalMs: options.intervalMs,
    configuredRate: 1,
    effectiveRate: 1,
    throttledUntil: throttled ? clock.monotonic() + options.intervalMs : null,
    credentials: [],
    discovery: [],
    source,
  });
  let snapshot: MonitorSnapshot = {
    instances: [],
    status: status(),
    language,
    lastChangeWall,
    version: 0,
    startedAt,
  };
  const publish = () => {
    const instances = order.flatMap((key) => views.get(key) ?? []);
    snapshot = {
      instances,
      status: status(),
      language,
      lastChangeWall,
      version: snapshot.version + 1,
      startedAt,
    };
    for (const listener of listeners) listener();
  };

  const viewOf = (key: string, series: Series, now: number, wallNow: number): InstanceView => {
    const before = views.get(key);
    const get = (metric: string) => series.values.get(metric);
    const lastSuccess = get('gaussdb_instance_last_success_timestamp_seconds');
    const counts = parseCounts((metric) => get(metric)?.text);
    const answered = 'overview' in counts;
    const countTimes = Object.keys(gauges).map((metric) => get(metric)?.at ?? 0);
    const wallAt = lastSuccess ? lastSuccess.value * 1000 : Math.max(...countTimes);
    const latest: Sample | null =
      'overview' in counts
        ? { at: now - Math.max(0, wallNow - wallAt), wallAt, overview: counts.overview }
        : (before?.latest ?? null);
    const down = get('gaussdb_instance_up')?.value === 0;
    const bad = 'bad' in counts ? badCountError(counts.bad, counts.text, now) : null;
    const dataLevel = latest ? overviewLevel(latest.overview, options.thresholds) : null;
    const level = down || bad ? 'error' : (dataLevel ?? 'ok');
    const sameData =
      before?.latest?.wallAt === latest?.wallAt &&
      before?.level === level &&
      before?.error?.code === bad?.code;
    if (before && sameData) return before;
    if (latest && latest !== before?.latest) lastChangeWall = wallNow;
    return {
      key,
      endpoint: serverText(series.labels.endpoint ?? '', 200),
      projectId: serverText(series.labels.project_id ?? '', 64),
      instanceId: serverText(series.labels.instance_id ?? '', 64),
      name: serverText(series.labels.instance_name ?? series.labels.instance_id ?? '', 200),
      latest,
      previous: before?.latest ?? null,
      level,
      dataLevel,
      error:
        bad ??
        (down
          ? {
              status: null,
              code: 'DOWN',
              message: 'the poller reports its last attempt failed',
              requestId: null,
              at: now,
            }
          : null),
      latencyMs: null,
      trend: [],
      successes: (before?.successes ?? 0) + (answered ? 1 : 0),
      failures: (before?.failures ?? 0) + (down || bad ? 1 : 0),
      levelSince: before && before.level === level ? before.levelSince : now,
      recoveredAt: level === 'ok' && before && before.level !== 'ok' ? now : (before?.recoveredAt ?? null),
    };
  };

  const poll = async () => {
    if (closed) return;
    try {
      const vector = await client.query(selector(options.instanceIds, [...Object.keys(gauges), ...extra]));
      const now = clock.monotonic();
      const wallNow = clock.wall();
      throttled = vector.some(
        (entry) => entry.metric.__name__ === 'gaussdb_poller_throttled' && entry.value[1] === '1',
      );
      const next = new Map(views);
      for (const [key, series] of groupSeries(vector)) next.set(key, viewOf(key, series, now, wallNow));
      // An instance asked for by id that Prometheus has never had a series of is named, not left out.
      for (const id of options.instanceIds) {
        const key = `missing ${id}`;
        const found = [...next.values()].some((view) => view.instanceId === id && view.key !== key);
        if (found) next.delete(key);
        else next.set(key, missingView(id, next.get(key), now));
      }
      views = next;
      order = [...views.values()]
        .sort((a, b) => a.name.localeCompare(b.name) || a.instanceId.localeCompare(b.instanceId))
        .map((view) => view.key);
      source = { name, reachable: true, downSince: null, message: '' };
      heard = true;
      ready.resolve();
    } catch (error) {
      source = {
        name,
        reachable: false,
        downSince: source.downSince ?? clock.monotonic(),
        message: printable(String((error as Error).message)),
      };
      if (!heard) ready.reject(new Error(source.message));
    }
    if (!paused) publish();
    if (!closed) timer = options.timers.set(() => void poll(), options.intervalMs);
  };

  const askHistory = (key: string) => {
    const view = views.get(key);
    if (!view) return;
    const end = clock.wall() / 1000;
    const step = Math.max(1, options.intervalMs / 1000);
    const expression = `{__name__=~"${Object.keys(gauges).join('|')}",instance_id="${promqlRegexLiteral(view.instanceId)}",project_id="${promqlRegexLiteral(view.projectId)}"}`;
    client.range(expression, end - historyWindowS, end, step).then(
      (matrix) => {
        histories.set(key, {
          asked: clock.monotonic(),
          samples: historySamples(matrix, clock.monotonic(), clock.wall()),
        });
        publish();
      },
      () => undefined,
    );
  };

  void poll();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    history(key) {
      const held = histories.get(key);
      if (!held || clock.monotonic() - held.asked > options.intervalMs) {
        histories.set(key, { asked: clock.monotonic(), samples: held?.samples ?? [] });
        askHistory(key);
      }
      return held?.samples ?? [];
    },
    capabilities: new Set(capabilities),
    commands: {
      togglePause() {
        paused = !paused;
        publish();
      },
      refreshNow() {
        options.timers.clear(timer);
        void poll();
      },
      stepInterval: () => undefined,
      setLanguage(next) {
        language = next;
        publish();
      },
    },
    ready: ready.promise,
    async close() {
      closed = true;
      options.timers.clear(timer);
      await client.close();
    },
  };
}
