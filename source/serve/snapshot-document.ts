// The poller's state as the documents `serve` sends (feed/wire-format.ts): the snapshot and the
// stream's events. Every string passes the sanitiser and the secret mask on the way out, and an
// endpoint loses any userinfo, whatever the store held.
import { shownEndpoint } from '../cloud/endpoints.js';
import type { InstanceView, MonitorSnapshot, Sample } from '../feed/feed.js';
import type {
  WireChange,
  WireHistorySample,
  WireInstance,
  WirePoller,
  WireSample,
  WireSnapshot,
} from '../feed/wire-format.js';
import type { PollerStatus } from '../monitor/store.js';
import { printable } from '../server-text.js';
import type { Clock } from '../time.js';

const ago = (now: number, at: number | null) => (at === null ? null : Math.max(0, now - at));
const dueIn = (now: number, at: number | null) => (at === null ? null : Math.max(0, at - now));

function wireSample(sample: Sample | null, now: number): WireSample | null {
  if (!sample) return null;
  const { overview } = sample;
  return {
    age_ms: Math.max(0, now - sample.at),
    time: new Date(sample.wallAt).toISOString(),
    total_num: overview.total,
    active_num: overview.active,
    slow_sql_num: overview.slowSql,
    lock_num: overview.lock,
  };
}

/** An instance's key on the wire: as the store's, but never with an endpoint's userinfo. */
export function wireKey(view: Pick<InstanceView, 'endpoint' | 'projectId' | 'instanceId'>): string {
  return printable(`${shownEndpoint(view.endpoint)} ${view.projectId} ${view.instanceId}`);
}

/** One instance: the `--once --json` keys (counts null while failing), then what the screen needs. */
export function wireInstance(view: InstanceView, now: number): WireInstance {
  const shown = view.error ? null : view.latest?.overview;
  return {
    key: wireKey(view),
    project_id: printable(view.projectId),
    instance_id: printable(view.instanceId),
    name: printable(view.name),
    endpoint: printable(shownEndpoint(view.endpoint)),
    total_num: shown?.total ?? null,
    active_num: shown?.active ?? null,
    slow_sql_num: shown?.slowSql ?? null,
    lock_num: shown?.lock ?? null,
    level: view.level,
    error: view.error
      ? {
          status: view.error.status,
          code: printable(view.error.code),
          message: printable(view.error.message),
          request_id: view.error.requestId === null ? null : printable(view.error.requestId),
          age_ms: Math.max(0, now - view.error.at),
        }
      : null,
    data_level: view.dataLevel,
    latency_ms: view.latencyMs,
    successes: view.successes,
    failures: view.failures,
    trend: [...view.trend],
    last: wireSample(view.latest, now),
    previous: wireSample(view.previous, now),
    level_since_age_ms: ago(now, view.levelSince),
    recovered_age_ms: ago(now, view.recoveredAt),
  };
}

export function wirePoller(snapshot: MonitorSnapshot, now: number): WirePoller {
  const status: PollerStatus = snapshot.status;
  return {
    paused: status.paused,
    interval_ms: status.intervalMs,
    configured_rate: status.configuredRate,
    effective_rate: status.effectiveRate,
    throttled_for_ms:
      status.throttledUntil !== null && status.throttledUntil > now ? status.throttledUntil - now : null,
    credentials: status.credentials.map((entry) => ({
      kind: entry.kind,
      where: printable(entry.where),
      state: entry.state,
      next_try_in_ms: dueIn(now, entry.nextTryAt),
      advice: printable(entry.advice),
      message: printable(entry.message),
    })),
    discovery: status.discovery.map((entry) => ({
      target: printable(entry.target),
      message: printable(entry.message),
      next_try_in_ms: dueIn(now, entry.nextTryAt),
    })),
    running_ms: Math.max(0, now - snapshot.startedAt),
    last_change: snapshot.lastChangeWall === null ? null : new Date(snapshot.lastChangeWall).toISOString(),
  };
}

function wireHistory(samples: readonly Sample[], now: number): WireHistorySample[] {
  return samples.map(({ at, wallAt, overview }) => [
    Math.max(0, now - at),
    wallAt,
    overview.total,
    overview.active,
    overview.slowSql,
    overview.lock,
  ]);
}

/** The whole state; with `history`, every instance's samples too. */
export function snapshotDocument(
  snapshot: MonitorSnapshot,
  clock: Clock,
  history?: (key: string) => readonly Sample[],
): WireSnapshot {
  const now = clock.monotonic();
  return {
    time: new Date(clock.wall()).toISOString(),
    language: snapshot.language,
    poller: wirePoller(snapshot, now),
    instances: snapshot.instances.map((view) => wireInstance(view, now)),
    ...(history
      ? {
          history: Object.fromEntries(
            snapshot.instances.map((view) => [wireKey(view), wireHistory(history(view.key), now)]),
          ),
        }
      : {}),
  };
}

/**
 * What changed from `before` to `after`, or null when nothing did. Views are immutable, so a changed
 * instance is a different object; a fleet that changed its members needs a whole snapshot (undefined).
 */
export function changeDocument(
  before: MonitorSnapshot,
  after: MonitorSnapshot,
  clock: Clock,
): WireChange | null | undefined {
  const old = before.instances;
  const next = after.instances;
  if (old.length !== next.length) return undefined;
  const now = clock.monotonic();
  const changed: WireInstance[] = [];
  for (let index = 0; index < next.length; index++) {
    const view = next[index] as InstanceView;
    const was = old[index] as InstanceView;
    if (view.key !== was.key) return undefined;
    if (view !== was) changed.push(wireInstance(view, now));
  }
  const pollerChanged = before.status !== after.status || before.lastChangeWall !== after.lastChangeWall;
  const languageChanged = before.language !== after.language;
  if (changed.length === 0 && !pollerChanged && !languageChanged) return null;
  return {
    time: new Date(clock.wall()).toISOString(),
    ...(languageChanged ? { language: after.language } : {}),
    ...(pollerChanged ? { poller: wirePoller(after, now) } : {}),
    instances: changed,
  };
}
