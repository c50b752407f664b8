import type { Messages } from '../i18n/index.js';
import type { FleetSummary } from './summary.js';

/**
 * The levels in a few words ("1 CRIT 2 WARN 10 ERR"), for the header and the terminal title. CRIT and
 * WARN count the last known data, also of instances that now fail: an error never hides a CRIT.
 */
export function levelCounts(
  summary: FleetSummary,
  t: Messages,
): { text: string; level: 'crit' | 'warn' | 'error' }[] {
  const parts: { text: string; level: 'crit' | 'warn' | 'error' }[] = [];
  for (const level of ['crit', 'warn', 'error'] as const)
    if (summary[level]) parts.push({ text: `${summary[level]} ${t.title[level]}`, level });
  return parts;
}

/** The worst state in a few words, for the terminal title (and so a tmux status line). */
export function titleText(summary: FleetSummary, t: Messages, demo: boolean): string {
  const parts = levelCounts(summary, t).map((part) => part.text);
  return `gaussdb-top${demo ? ` ${t.demo}` : ''}: ${parts.length ? parts.join(' ') : t.title.ok}`;
}

/** OSC 2: set the window title. Control characters are impossible here: the text is ours. */
export function titleSequence(text: string): string {
  return `\u001B]2;${text}\u0007`;
}
