import type { Messages } from '../i18n/index.js';
import type { FleetSummary } from './summary.js';

/** The worst state in a few words, for the terminal title (and so a tmux status line). */
export function titleText(summary: FleetSummary, t: Messages, demo: boolean): string {
  const parts: string[] = [];
  if (summary.crit) parts.push(`${summary.crit} ${t.title.crit}`);
  if (summary.error) parts.push(`${summary.error} ${t.title.error}`);
  if (summary.warn) parts.push(`${summary.warn} ${t.title.warn}`);
  return `gaussdb-top${demo ? ` ${t.demo}` : ''}: ${parts.length ? parts.join(' ') : t.title.ok}`;
}

/** OSC 2: set the window title. Control characters are impossible here: the text is ours. */
export function titleSequence(text: string): string {
  return `\u001B]2;${text}\u0007`;
}
