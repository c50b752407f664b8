// Readers for the fields of the drill-down's answers. Every field may be missing or of the wrong type
// in a real answer: a reader returns null for anything it cannot vouch for, never NaN or undefined,
// and every text passes the sanitiser (server text is hostile).
import { serverText } from '../server-text.js';
import { badResponse } from './api-error.js';
import { objectBody } from './json-body.js';
import { parseCount } from './session-overview.js';

/** Line breaks and tabs (a SQL statement's layout) become spaces: one line, nothing for the sanitiser to flag. */
const layout = /[ \t]*[\t\n\v\f\r\u0085\u2028\u2029]+[ \t]*/g;

/** A string of the answer as the program keeps it (masked, printable, at most `cells` wide), else null. */
export function textField(value: unknown, cells: number): string | null {
  return typeof value === 'string' ? serverText(value.replace(layout, ' '), cells) : null;
}

/**
 * Ids go into requests (the session calls, a kill) and into `sessions --json`: only plain ids are
 * taken, as a string, whether the answer gave a string or an integer.
 */
const idPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export function idField(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return typeof value === 'string' && idPattern.test(value) ? value : null;
}

/** A count, as strictly as the overview's ("036" is 36; negatives, fractions and junk are not). */
export function countField(value: unknown): number | null {
  return parseCount(value) ?? null;
}

export function portField(value: unknown): number | null {
  const port = parseCount(value);
  return port !== undefined && port <= 65535 ? port : null;
}

/** Anything below this is epoch seconds (the SDK types the start times as int32); above, milliseconds. */
const secondsBelow = 1e11;
/** Year 3000 in epoch milliseconds: later is not a time but junk. */
const latestMs = 32_503_680_000_000;

/** A wall-clock time as epoch milliseconds: the SDK's int32 seconds, or milliseconds, number or digits. */
export function epochField(value: unknown): number | null {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isInteger(number) || number <= 0) return null;
  const ms = number < secondsBelow ? number * 1000 : number;
  return ms <= latestMs ? ms : null;
}

/**
 * `query_runtime` in milliseconds. The SDK types it as a string ("语句执行时长", the statement's run time)
 * and names no unit; its neighbour `exec_time` is documented in seconds, so a plain number is read as
 * seconds (fractions allowed). PostgreSQL's interval text (`[N days ]HH:MM:SS[.ffffff]`) is read too.
 */
export const runtimeUnitMs = 1000;
/** Ten years: a longer runtime is junk. */
const longestRuntimeMs = 10 * 365 * 24 * 3600_000;
const interval = /^(?:(\d{1,5}) days? )?(\d{1,6}):(\d{2}):(\d{2}(?:\.\d{1,9})?)$/;

export function runtimeField(value: unknown): number | null {
  let ms: number | null = null;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) ms = value * runtimeUnitMs;
  else if (typeof value === 'string' && /^\d{1,12}(?:\.\d{1,9})?$/.test(value)) {
    ms = Number(value) * runtimeUnitMs;
  } else if (typeof value === 'string') {
    const match = interval.exec(value.trim());
    if (match) {
      const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
      if (Number(minutes) < 60 && Number(seconds) < 60) {
        ms = ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000;
      }
    }
  }
  return ms !== null && ms <= longestRuntimeMs ? Math.round(ms) : null;
}

/** Values that say "blocked by nobody" rather than naming a session. */
const nobody = new Set(['', '0', '-', 'null', 'none', 'NULL', 'None']);

/**
 * The session a waiter waits on. The SDK types it as one string; a list ("12,34") is read as its first
 * id, the session it waits on first.
 */
export function blockerField(value: unknown): string | null {
  if (typeof value === 'number') return value === 0 ? null : idField(value);
  if (typeof value !== 'string') return null;
  const first = value.trim().split(/[\s,;]+/)[0] ?? '';
  return nobody.has(first) ? null : idField(first);
}

export function booleanField(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return null;
}

/**
 * The answer's body as an object holding a list under `listField`; anything else is a bad response
 * for that call (the list missing, or not a list).
 */
export function bodyWithList(
  text: string,
  listField: string,
  requestId: string | null,
): { body: Record<string, unknown>; list: readonly unknown[] } {
  const body = objectBody(text, requestId);
  const list = body[listField];
  if (!Array.isArray(list)) {
    throw badResponse(listField, list === undefined ? 'is missing' : 'is not a list', requestId);
  }
  return { body, list };
}

/** The entry as a record to read fields from; a non-object entry reads as one without fields. */
export function entryOf(item: unknown): Record<string, unknown> {
  return item !== null && typeof item === 'object' && !Array.isArray(item)
    ? (item as Record<string, unknown>)
    : {};
}
