import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

const printableAscii = /^[\u0020-\u007E]*$/;

/** Fits text into `width` cells: cut with an ellipsis, or padded, aligned left or right. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  if (width <= 0) return '';
  // Most cells are plain ASCII (ids, counts, addresses, SQL): one cell per character, no measuring.
  if (printableAscii.test(text)) {
    const cut = text.length > width ? text.slice(0, width - 1) + ellipsis : text;
    const gap = ' '.repeat(width - Math.min(text.length, width));
    return align === 'right' ? gap + cut : cut + gap;
  }
  const cut =
    stringWidth(text) > width
      ? cliTruncate(text, width, { position: 'end', truncationCharacter: ellipsis })
      : text;
  const gap = ' '.repeat(Math.max(0, width - stringWidth(cut)));
  return align === 'right' ? gap + cut : cut + gap;
}

/**
 * An age in coarse steps ("8s", "40s", "3m", "2h", "4d"): the label changes rarely, so an idle
 * screen is not repainted every second for nothing.
 */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds < 10 ? seconds : Math.floor(seconds / 5) * 5}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** The next age (in ms) at which `formatAge` shows a different label: the screen wakes then, not every second. */
export function nextAgeChangeMs(ms: number): number {
  const minute = 60_000;
  const hour = 60 * minute;
  const step =
    ms < 10_000 ? 1000 : ms < minute ? 5000 : ms < hour ? minute : ms < 48 * hour ? hour : 24 * hour;
  return (Math.floor(Math.max(0, ms) / step) + 1) * step;
}

/** Seconds for people: "5s", "1.5s", "2m". */
export function formatSeconds(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`;
}

const defaultBars = '▁▂▃▄▅▆▇█';

/**
 * Bars scaled from zero to the largest value shown; minutes without data stay blank. A steady series
 * draws nothing at all: there is no trend to show, and the column then never repaints as minutes pass.
 */
export function sparkline(values: readonly (number | null)[], width: number, bars = defaultBars): string {
  const shown = values.slice(-width);
  const present = shown.filter((value) => value !== null);
  if (present.every((value) => value === present[0])) return ' '.repeat(width);
  const max = Math.max(1, ...shown.map((value) => value ?? 0));
  const line = shown
    .map((value) =>
      value === null ? ' ' : bars[Math.min(bars.length - 1, Math.round((value / max) * (bars.length - 1)))],
    )
    .join('');
  return line.padStart(width, ' ');
}

/** A change since the previous sample: "+3", "-1", or "" when unchanged or unknown. */
export function formatDelta(current: number, previous: number | undefined): string {
  if (previous === undefined || current === previous) return '';
  return current > previous ? `+${current - previous}` : `${current - previous}`;
}

/**
 * Time left until something happens, rounded up so it never promises too early: "45s" in 5-second
 * steps under a minute, then "4m10s" in 10-second steps, then "2h05m".
 */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${Math.ceil(seconds / 5) * 5}s`;
  const tens = Math.ceil(seconds / 10) * 10;
  if (tens < 3600) {
    const minutes = Math.floor(tens / 60);
    const rest = tens % 60;
    return rest ? `${minutes}m${String(rest).padStart(2, '0')}s` : `${minutes}m`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * How long the screen has been paused, in the steps it is repainted at: every 5 s for the first
 * minute, then every minute. Between steps nothing is drawn.
 */
export function pauseStepMs(elapsedMs: number): number {
  const step = elapsedMs < 60_000 ? 5_000 : 60_000;
  return Math.floor(Math.max(0, elapsedMs) / step) * step;
}

/** When the next pause step falls, counted from the start of the pause. */
export function nextPauseStepMs(elapsedMs: number): number {
  const current = pauseStepMs(elapsedMs);
  return current + (current < 60_000 ? 5_000 : 60_000);
}

/** A pause step as a clock: "0:05", "0:55", "1:00", "59:00", "1:00:00". */
export function formatPaused(elapsedMs: number): string {
  const seconds = Math.floor(pauseStepMs(elapsedMs) / 1000);
  const minutes = Math.floor(seconds / 60);
  const two = (value: number) => String(value).padStart(2, '0');
  if (minutes < 60) return `${minutes}:${two(seconds % 60)}`;
  return `${Math.floor(minutes / 60)}:${two(minutes % 60)}:00`;
}
