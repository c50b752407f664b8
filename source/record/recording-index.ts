// One pass over a recording at open: where reading may start again (a seek point a minute), the fleet
// in force at each, the first and last times, and lines cut by a crash. Only the lines that change the
// fleet are parsed here (found by their keys); answers, most of the file, are only looked at for the
// time of a unit's first and last line.

import { parseEvent, type RecordingEvent, timeOfLine } from './recording-events.js';
import { emptyFleet, type Fleet, nextFleet } from './recording-fleet.js';
import { openSegments, type Position, type Segment, unitsFrom } from './recording-units.js';

export interface SeekPoint {
  /** Wall time of the first line read from here. */
  t: number;
  position: Position;
  /** The fleet as it stands before the first line read from here. */
  fleet: Fleet;
}

export interface RecordingIndex {
  segments: readonly Segment[];
  /** At most one a minute, in the order of the file. */
  points: readonly SeekPoint[];
  start: number;
  end: number;
  /** Lines cut by a crash (a last line without its end): skipped. */
  cutLines: number;
}

/** Why a recording cannot be replayed, in words for the user (the file is named by the caller). */
export class UnreadableRecording extends Error {}

/** Keys only lines that change the fleet carry; JSON escapes their quotes inside strings. */
const fleetMarkers = ['"gaussdb_top_recording":', '"add":[', '"remove":[', '"paused":'].map((marker) =>
  Buffer.from(marker),
);

const minuteMs = 60_000;
/** How often a plain file's lines are probed for a new minute (in bytes). */
const probeBytes = 1024;
const newline = 0x0a;

/** The line of `bytes` that starts at `start`, without its newline. */
function lineAt(bytes: Buffer, start: number): string {
  const end = bytes.indexOf(newline, start);
  return bytes.toString('utf8', start, end === -1 ? bytes.length : end);
}

/** The lines of `bytes` that may change the fleet, with where each starts, in their order. */
function fleetChanges(bytes: Buffer): { start: number; event: RecordingEvent }[] {
  const starts = new Set<number>();
  for (const marker of fleetMarkers) {
    for (let at = bytes.indexOf(marker); at !== -1; at = bytes.indexOf(marker, at + 1))
      starts.add(bytes.lastIndexOf(newline, at) + 1);
  }
  return [...starts]
    .sort((a, b) => a - b)
    .flatMap((start) => {
      const event = parseEvent(lineAt(bytes, start));
      return event ? [{ start, event }] : [];
    });
}

/** The time of the last of a unit's last few lines that has one. */
function lastTime(bytes: Buffer, count = 8): number | null {
  let end = bytes.length - 1;
  for (let lines = 0; end > 0 && lines < count; lines++) {
    const start = bytes.lastIndexOf(newline, end - 1) + 1;
    const line = bytes.toString('utf8', start, end);
    const t = line ? timeOfLine(line) : null;
    if (t !== null) return t;
    end = start - 1;
  }
  return null;
}

export interface IndexOptions {
  /** Called after each unit with the bytes read so far and in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Reads FILE.1 and FILE once; throws UnreadableRecording or NewerFormatError. */
export async function indexRecording(path: string, options: IndexOptions = {}): Promise<RecordingIndex> {
  const segments = await openSegments(path);
  if (segments.length === 0) throw new UnreadableRecording('no such recording (nor a .1 beside it)');
  const total = segments.reduce((sum, segment) => sum + segment.size, 0);
  const before = (segment: number) => segments.slice(0, segment).reduce((sum, one) => sum + one.size, 0);
  const points: SeekPoint[] = [];
  let fleet = emptyFleet;
  let start: number | null = null;
  let end: number | null = null;
  let cutLines = 0;
  for await (const unit of unitsFrom(segments, { segment: 0, offset: 0 })) {
    if (unit.cut) cutLines++;
    const { bytes } = unit;
    if (bytes.length === 0) continue;
    const changes = fleetChanges(bytes);
    let applied = 0;
    /** The fleet as it stands before the line at `offset` of this unit. */
    const fleetBefore = (offset: number) => {
      for (; applied < changes.length && (changes[applied]?.start ?? 0) < offset; applied++)
        fleet = nextFleet(fleet, (changes[applied] as (typeof changes)[number]).event);
      return fleet;
    };
    // A gzip member can only be read from its start; a plain file from any line, so it is probed
    // every `probeBytes` for the minute turning.
    const gzip = (segments[unit.position.segment] as Segment).kind === 'members';
    for (let probe = 0; probe < bytes.length; probe += gzip ? bytes.length : probeBytes) {
      const lineStart = probe === 0 ? 0 : bytes.indexOf(newline, probe) + 1;
      if (lineStart === 0 && probe !== 0) break;
      if (lineStart >= bytes.length) break;
      const t = timeOfLine(lineAt(bytes, lineStart));
      if (t === null) continue;
      start ??= t;
      const previous = points.at(-1);
      if (previous && Math.floor(t / minuteMs) === Math.floor(previous.t / minuteMs)) continue;
      const position = { segment: unit.position.segment, offset: unit.position.offset + lineStart };
      points.push({ t: Math.max(t, previous?.t ?? t), position, fleet: fleetBefore(lineStart) });
    }
    fleetBefore(Number.POSITIVE_INFINITY);
    const last = lastTime(bytes);
    if (last !== null) end = Math.max(end ?? last, last);
    options.onProgress?.(before(unit.position.segment) + unit.readTo, total);
  }
  if (fleet.session === 0) throw new UnreadableRecording('not a gaussdb-top recording (no session line)');
  if (start === null || end === null) throw new UnreadableRecording('the recording holds no events');
  return { segments, points, start, end: Math.max(start, end), cutLines };
}

/** The last seek point at or before `t` (the first when `t` is earlier than all). */
export function pointBefore(index: RecordingIndex, t: number): SeekPoint {
  const { points } = index;
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((points[middle] as SeekPoint).t <= t) low = middle;
    else high = middle - 1;
  }
  return points[low] as SeekPoint;
}
