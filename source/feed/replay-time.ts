// A time typed to jump to in a recording (`t`, --at, --from, --to): a clock time (03:12, 03:12:40) on
// whichever day of the recording holds it nearest the replayed moment, or an ISO time.

const clockPattern = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export interface TimeRange {
  start: number;
  end: number;
}

/** What was typed could not be read as a time, or the recording does not hold it. */
export type ParsedTime = { at: number } | { problem: 'unreadable' | 'outside' };

/** The moments (local time) a clock time names on the days from `start` to `end`. */
function clockTimes(hours: number, minutes: number, seconds: number, range: TimeRange): number[] {
  const day = new Date(range.start);
  day.setHours(0, 0, 0, 0);
  const found: number[] = [];
  // By calendar day, not by 24 hours: the day summer time ends has 25, the day it starts 23.
  for (; day.getTime() <= range.end; day.setDate(day.getDate() + 1)) {
    const at = new Date(day);
    at.setHours(hours, minutes, seconds, 0);
    found.push(at.getTime());
  }
  return found;
}

const isoParts = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?/;

/**
 * Whether the date and time typed exist: Date.parse rolls 2026-02-30 over to March 2, which would be
 * taken as a time the user never typed (or called "outside the recording").
 */
function onTheCalendar(typed: string): boolean {
  const parts = isoParts.exec(typed);
  if (!parts) return false;
  const [year, month, day, hours, minutes, seconds] = parts
    .slice(1)
    .map((part) => Number(part ?? 0)) as number[];
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();
  return (
    (month ?? 0) >= 1 &&
    (month ?? 0) <= 12 &&
    (day ?? 0) >= 1 &&
    (day ?? 0) <= daysInMonth &&
    (hours ?? 0) <= 23 &&
    (minutes ?? 0) <= 59 &&
    (seconds ?? 0) <= 59
  );
}

/**
 * `text` as a moment of the recording: a clock time takes the day nearest `near` that holds it; an ISO
 * time (with a date) is taken as it is. Either must fall within the recording.
 */
export function parseReplayTime(text: string, range: TimeRange, near: number): ParsedTime {
  const typed = text.trim();
  const clock = clockPattern.exec(typed);
  if (clock) {
    const [hours, minutes, seconds] = [clock[1], clock[2], clock[3] ?? '0'].map(Number) as [
      number,
      number,
      number,
    ];
    if (hours > 23 || minutes > 59 || seconds > 59) return { problem: 'unreadable' };
    const inside = clockTimes(hours, minutes, seconds, range).filter(
      (at) => at >= Math.floor(range.start / 1000) * 1000 && at <= range.end,
    );
    if (inside.length === 0) return { problem: 'outside' };
    const nearest = inside.reduce((best, at) => (Math.abs(at - near) < Math.abs(best - near) ? at : best));
    return { at: Math.max(range.start, nearest) };
  }
  // An ISO date and time: 2026-11-28T03:12:40, with a zone or without (then local), or a space for T.
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/.test(typed)) return { problem: 'unreadable' };
  const at = Date.parse(typed.replace(' ', 'T'));
  if (!Number.isFinite(at) || !onTheCalendar(typed)) return { problem: 'unreadable' };
  if (at < Math.floor(range.start / 1000) * 1000 || at > range.end) return { problem: 'outside' };
  return { at: Math.max(range.start, at) };
}

/** A moment as the header and the footer show it: 03:12:40 (local time). */
export function clockText(at: number): string {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}

/** A moment with its date, for a recording's ends and messages: 2026-11-28 03:12:40 (local time). */
export function dateTimeText(at: number): string {
  const date = new Date(at);
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part, index) => String(part).padStart(index === 0 ? 4 : 2, '0'))
    .join('-');
  return `${day} ${clockText(at)}`;
}
