// The recording format, version 1 (docs/record-format.md): one JSON object per line. Every file, and
// every stretch of recording appended to one, opens with a session line; then events, each naming an
// instance by its index in the session's table. Pure functions: recorder.ts decides what to write,
// recording-file.ts where.
import { metricList } from '../metrics.js';
import type { Thresholds } from '../monitor/severity.js';
import type { InstanceError, InstanceIdentity } from '../monitor/snapshot.js';
import type { SessionOverview } from '../overview.js';
import { maskSecrets } from '../secrets.js';
import { escapeUnsafeInJson } from '../server-text.js';

/** Raised only when a reader could not read what a writer now writes. */
export const formatVersion = 1;
/** The key that marks a session line, holding the format version. */
export const sessionKey = 'gaussdb_top_recording';

/** What the session line says about a target: never a credential, never an endpoint's user info. */
export interface RecordedTarget {
  endpoint: string;
  projectId: string;
  discover: boolean;
}

export interface SessionInfo {
  /** gaussdb-top's version. */
  version: string;
  wallAt: number;
  intervalMs: number;
  thresholds: Thresholds;
  targets: readonly RecordedTarget[];
  instances: readonly InstanceIdentity[];
}

/** The endpoint as a URL without user name, password, query or fragment. */
export function bareEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return '';
  }
}

/**
 * One line of JSON: secrets masked (a server may have echoed one into an error message), unsafe
 * characters escaped, so `cat` and `less` of a recording are as safe as the screen.
 */
function line(value: unknown): string {
  return `${escapeUnsafeInJson(maskSecrets(JSON.stringify(value)))}\n`;
}

function instanceEntry(index: number, identity: InstanceIdentity) {
  return {
    i: index,
    endpoint: bareEndpoint(identity.endpoint),
    project_id: identity.projectId,
    instance_id: identity.instanceId,
    name: identity.name,
  };
}

export function sessionLine(info: SessionInfo): string {
  return line({
    [sessionKey]: formatVersion,
    gaussdb_top: info.version,
    t: info.wallAt,
    interval_s: info.intervalMs / 1000,
    metrics: metricList.map((metric) => metric.apiField),
    thresholds: Object.fromEntries(
      metricList.map((metric) => [metric.apiField, { ...info.thresholds[metric.key] }]),
    ),
    targets: info.targets.map((target) => ({
      endpoint: bareEndpoint(target.endpoint),
      project_id: target.projectId,
      discover: target.discover,
    })),
    instances: info.instances.map((identity, index) => instanceEntry(index, identity)),
  });
}

/** Instances that joined the fleet (rediscovery), with the indexes they take from now on. */
export function addedLine(wallAt: number, added: readonly { index: number; identity: InstanceIdentity }[]) {
  return line({ t: wallAt, add: added.map(({ index, identity }) => instanceEntry(index, identity)) });
}

/** Instances that left the fleet; their indexes are not reused within the session. */
export function removedLine(wallAt: number, indexes: readonly number[]): string {
  return line({ t: wallAt, remove: indexes });
}

/**
 * An answer: the four counts in the session line's `metrics` order, and the request's latency. Only
 * numbers, so it is written without the masking and escaping other lines need: answers are most lines.
 */
export function answerLine(
  wallAt: number,
  index: number,
  overview: SessionOverview,
  latencyMs: number | null,
) {
  const counts = metricList.map((metric) => overview[metric.key]).join(',');
  const ms = latencyMs === null ? '' : `,"ms":${Math.round(latencyMs)}`;
  return `{"t":${Math.round(wallAt)},"i":${index},"n":[${counts}]${ms}}\n`;
}

/** A failed attempt; `latencyMs` null when the instance was not asked (its credentials rest). */
export function errorLine(wallAt: number, index: number, error: InstanceError, latencyMs: number | null) {
  return line({
    t: Math.round(wallAt),
    i: index,
    error: { status: error.status, code: error.code, message: error.message, request_id: error.requestId },
    ...(latencyMs === null ? {} : { ms: Math.round(latencyMs) }),
  });
}

/** The poller's pace or pause changed. */
export function statusLine(wallAt: number, status: { paused: boolean; intervalMs: number }): string {
  return line({ t: Math.round(wallAt), paused: status.paused, interval_s: status.intervalMs / 1000 });
}

/** The recording stopped on purpose (`R`, the end of the run): what follows a gap is not missing data. */
export function stopLine(wallAt: number): string {
  return line({ t: Math.round(wallAt), stop: true });
}
