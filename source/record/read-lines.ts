import { readFile } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';
import { memberStart } from './recording-units.js';

// Reads a recording back as parsed lines: plain or gzip (the recorder's members written one per flush, a
// member cut by a crash read as far as it goes; or gzip from any other writer, one stream), a partial
// last line skipped and said, a garbage line counted.

export interface ReadRecording {
  lines: Record<string, unknown>[];
  /** Lines that were not JSON objects. */
  garbage: number;
  /** The last line had no end: the writer stopped in the middle of it. */
  cutLastLine: boolean;
}

/** Each gzip member on its own, so one cut short (a crash mid-write) spoils nothing after it. */
function gunzipMembers(data: Buffer): string {
  const starts: number[] = [];
  for (let at = data.indexOf(memberStart); at !== -1; at = data.indexOf(memberStart, at + 1)) starts.push(at);
  const parts: string[] = [];
  for (const [index, start] of starts.entries()) {
    const member = data.subarray(start, starts[index + 1] ?? data.length);
    try {
      const text = gunzipSync(member, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
      // Members hold whole lines; a cut one must not glue its last part to the next member's first line.
      const cut = index < starts.length - 1 && text !== '' && !text.endsWith('\n');
      parts.push(cut ? `${text}\n` : text);
    } catch {
      // A member that is not gzip after all (its header's bytes inside compressed data) or damaged.
    }
  }
  return parts.join('');
}

export function parseRecording(text: string): ReadRecording {
  const raw = text.split('\n');
  const last = raw.pop() ?? '';
  const lines: Record<string, unknown>[] = [];
  let garbage = 0;
  for (const line of raw) {
    if (line === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        lines.push(value as Record<string, unknown>);
      else garbage++;
    } catch {
      garbage++;
    }
  }
  return { lines, garbage, cutLastLine: last !== '' };
}

export async function readRecording(path: string): Promise<ReadRecording> {
  const data = await readFile(path);
  if (data.subarray(0, memberStart.length).equals(memberStart)) return parseRecording(gunzipMembers(data));
  if (!data.subarray(0, 2).equals(memberStart.subarray(0, 2))) return parseRecording(data.toString('utf8'));
  // Another writer's gzip (gzip(1), logrotate): its headers vary, so one inflater reads it all.
  let text = '';
  try {
    text = gunzipSync(data, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  } catch {
    // Damaged: nothing readable.
  }
  return parseRecording(text);
}
