// `serve` has no screen: what the header would show goes to stderr, one line per change of state
// (start, throttled, credentials refused, discovery's result), as text or, for log shippers, JSON.
import type { Feed, MonitorSnapshot } from '../feed/feed.js';
import { type RecordingState, type RecordingSwitch, recordingProblemText } from '../feed/recording-switch.js';
import { messages } from '../i18n/index.js';
import { printable } from '../server-text.js';
import type { Clock } from '../time.js';

export type LogFormat = 'text' | 'json';

export interface StateLine {
  event:
    | 'start'
    | 'throttled'
    | 'unthrottled'
    | 'credentials'
    | 'discovery'
    | 'fleet'
    | 'recording'
    | 'stop'
    | 'error';
  /** What happened, for people (already sanitised: every string here came through the store). */
  message: string;
  [field: string]: unknown;
}

export function formatLine(line: StateLine, format: LogFormat, wall: number): string {
  const time = new Date(wall).toISOString();
  if (format === 'json') return `${JSON.stringify({ time, ...line })}\n`;
  return `gaussdb-top: ${time} ${line.event}: ${line.message}\n`;
}

function throttled(snapshot: MonitorSnapshot, now: number): boolean {
  const { status } = snapshot;
  return (
    (status.throttledUntil !== null && status.throttledUntil > now) ||
    status.effectiveRate < status.configuredRate
  );
}

/** The lines that describe how `after` differs from `before`, in the order they matter. */
export function stateChanges(before: MonitorSnapshot, after: MonitorSnapshot, now: number): StateLine[] {
  const lines: StateLine[] = [];
  const wasThrottled = throttled(before, now);
  const isThrottled = throttled(after, now);
  const rate = after.status.effectiveRate;
  if (isThrottled && (!wasThrottled || before.status.effectiveRate !== rate))
    lines.push({ event: 'throttled', message: `the API answered 429: ${rate} requests/s now`, rate });
  else if (!isThrottled && wasThrottled)
    lines.push({ event: 'unthrottled', message: `back to ${rate} requests/s`, rate });
  const credentials = (snapshot: MonitorSnapshot) =>
    snapshot.status.credentials.map((entry) => `${entry.kind} ${entry.state} at ${entry.where}`).join('; ');
  if (credentials(before) !== credentials(after)) {
    const refused = after.status.credentials;
    lines.push({
      event: 'credentials',
      message: refused.length
        ? refused
            .map(
              (entry) =>
                `${entry.kind} ${entry.state} at ${entry.where}${entry.message && `: ${entry.message}`}`,
            )
            .join('; ')
        : 'credentials accepted',
      refused: refused.length,
    });
  }
  const discovery = (snapshot: MonitorSnapshot) =>
    snapshot.status.discovery.map((entry) => `${entry.target}: ${entry.message}`).join('; ');
  if (discovery(before) !== discovery(after)) {
    const text = discovery(after);
    lines.push({
      event: 'discovery',
      message: text ? `listing failed: ${text}` : 'listing works again',
      failed: after.status.discovery.length,
    });
  }
  if (before.instances.length !== after.instances.length)
    lines.push({
      event: 'fleet',
      message: `${after.instances.length} instances (was ${before.instances.length})`,
      instances: after.instances.length,
    });
  return lines;
}

/** Writes a line for every change of state the feed publishes; returns the function that stops it. */
export function logStateChanges(feed: Feed, clock: Clock, write: (line: StateLine) => void): () => void {
  let shown = feed.getSnapshot();
  return feed.subscribe(() => {
    const next = feed.getSnapshot();
    if (next.status === shown.status && next.instances.length === shown.instances.length) {
      shown = next;
      return;
    }
    for (const line of stateChanges(shown, next, clock.monotonic())) write(line);
    shown = next;
  });
}

/**
 * The line for a recording that stopped being written (a full disk) or is written again, or nothing:
 * `serve` has no header to say REC FAILED on, and a recording that silently stops is lost evidence.
 */
export function recordingChange(
  before: RecordingState,
  after: RecordingState,
  path: string,
): StateLine | undefined {
  const file = printable(path);
  if (after.state === 'failed') {
    if (before.state === 'failed' && before.code === after.code) return undefined;
    // The log is English, as every other line of it.
    const reason = recordingProblemText(after, messages('en-us'));
    return {
      event: 'recording',
      message: `recording to ${file} failed: ${reason}`,
      state: 'failed',
      code: after.code,
    };
  }
  if (after.state === 'on' && before.state === 'failed')
    return { event: 'recording', message: `recording to ${file} works again`, state: 'on' };
  return undefined;
}

/** Writes a line for every change of the recording's health; returns the function that stops it. */
export function logRecordingChanges(
  recording: RecordingSwitch,
  path: string,
  write: (line: StateLine) => void,
) {
  let shown = recording.getState();
  return recording.subscribe(() => {
    const next = recording.getState();
    const line = recordingChange(shown, next, path);
    shown = next;
    if (line) write(line);
  });
}
