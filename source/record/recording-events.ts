// One line of a recording (docs/record-format.md) as a typed event. Answers, most lines, are read
// from the file's bytes by answer-scan.ts where they have the recorder's own shape; anything else
// comes here. Every string is taken as hostile: the screen sanitises it again.
import { type Metric, metricList } from '../metrics.js';
import type { Thresholds } from '../monitor/severity.js';
import { formatVersion, sessionKey } from './format.js';

export interface RecordedInstance {
  i: number;
  endpoint: string;
  projectId: string;
  instanceId: string;
  name: string;
}

export interface RecordedError {
  status: number | null;
  code: string;
  message: string;
  requestId: string | null;
}

export type RecordingEvent =
  | { kind: 'answer'; t: number; i: number; counts: readonly number[]; ms: number | null }
  | { kind: 'error'; t: number; i: number; error: RecordedError; ms: number | null }
  | {
      kind: 'session';
      t: number;
      version: string;
      intervalMs: number;
      /** Where each metric stands in an answer's counts. */
      metricOrder: readonly Metric[];
      thresholds: Partial<Thresholds>;
      instances: readonly RecordedInstance[];
    }
  | { kind: 'add'; t: number; instances: readonly RecordedInstance[] }
  | { kind: 'remove'; t: number; indexes: readonly number[] }
  | { kind: 'status'; t: number; paused: boolean; intervalMs: number }
  | { kind: 'stop'; t: number };

/** A line that names a format this reader does not know: it must stop, not guess. */
export class NewerFormatError extends Error {
  constructor(readonly version: number) {
    super(`recording format ${version}; this gaussdb-top reads format ${formatVersion}`);
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const optionalMs = (value: unknown): number | null =>
  typeof value === 'number' && value >= 0 ? value : null;

function instanceOf(entry: unknown): RecordedInstance | null {
  if (!isObject(entry) || !isCount(entry.i)) return null;
  return {
    i: entry.i,
    endpoint: text(entry.endpoint),
    projectId: text(entry.project_id),
    instanceId: text(entry.instance_id),
    name: text(entry.name),
  };
}

const instancesOf = (list: unknown): RecordedInstance[] =>
  Array.isArray(list) ? list.flatMap((entry) => instanceOf(entry) ?? []) : [];

const byApiField = new Map(metricList.map((metric) => [metric.apiField as string, metric.key]));
const defaultOrder = metricList.map((metric) => metric.key);

function sessionOf(value: Json, t: number): RecordingEvent | null {
  const version = value[sessionKey];
  if (!isCount(version) || version < 1) return null;
  if (version > formatVersion) throw new NewerFormatError(version);
  const order = Array.isArray(value.metrics)
    ? value.metrics.map((field) => byApiField.get(text(field)))
    : defaultOrder;
  const thresholds: Partial<Thresholds> = {};
  const given = isObject(value.thresholds) ? value.thresholds : {};
  for (const metric of metricList) {
    const entry = given[metric.apiField];
    if (isObject(entry) && typeof entry.warn === 'number' && typeof entry.crit === 'number')
      thresholds[metric.key] = { warn: entry.warn, crit: entry.crit };
  }
  return {
    kind: 'session',
    t,
    version: text(value.gaussdb_top),
    intervalMs: typeof value.interval_s === 'number' ? value.interval_s * 1000 : 0,
    // A metric this reader does not know keeps its place and is not read.
    metricOrder: order.every((metric) => metric !== undefined) ? (order as Metric[]) : defaultOrder,
    thresholds,
    instances: instancesOf(value.instances),
  };
}

function errorOf(value: unknown): RecordedError | null {
  if (!isObject(value)) return null;
  return {
    status: typeof value.status === 'number' ? value.status : null,
    code: text(value.code),
    message: text(value.message),
    requestId: typeof value.request_id === 'string' ? value.request_id : null,
  };
}

/** A parsed JSON object as an event; null for an object this reader does not recognise (garbage). */
function eventOf(value: Json): RecordingEvent | null {
  const t = value.t;
  if (typeof t !== 'number' || !Number.isFinite(t)) return null;
  if (sessionKey in value) return sessionOf(value, t);
  if (isCount(value.i)) {
    if (Array.isArray(value.n) && value.n.length >= 4 && value.n.every(isCount))
      return { kind: 'answer', t, i: value.i, counts: value.n as number[], ms: optionalMs(value.ms) };
    const error = errorOf(value.error);
    if (error) return { kind: 'error', t, i: value.i, error, ms: optionalMs(value.ms) };
    return null;
  }
  if (Array.isArray(value.add)) return { kind: 'add', t, instances: instancesOf(value.add) };
  if (Array.isArray(value.remove)) return { kind: 'remove', t, indexes: value.remove.filter(isCount) };
  if (value.stop === true) return { kind: 'stop', t };
  if (typeof value.paused === 'boolean' && typeof value.interval_s === 'number')
    return { kind: 'status', t, paused: value.paused, intervalMs: value.interval_s * 1000 };
  return null;
}

/**
 * One line (without its newline) as an event, or null for garbage: not JSON, not an object, or an
 * object without what its kind needs. Throws NewerFormatError for a session of a newer format.
 */
export function parseEvent(line: string): RecordingEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  return isObject(value) ? eventOf(value) : null;
}

/** The time of a line without parsing all of it (every line has a top-level `t`), or null. */
export function timeOfLine(line: string): number | null {
  const match = /"t":(\d+)/.exec(line);
  if (match) return Number(match[1]);
  const event = parseEvent(line);
  return event ? event.t : null;
}
