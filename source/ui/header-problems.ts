import type { Messages } from '../i18n/index.js';
import type { CredentialStatus, PollerStatus } from '../monitor/store.js';
import { printable } from '../server-text.js';
import { nextTryText } from './header-states.js';

export interface ProblemLine {
  text: string;
  level: 'crit' | 'warn' | 'error';
}

/** The poller names common advice by code (translated here); any other advice is shown as given. */
function adviceText(advice: string, t: Messages): string {
  return Object.hasOwn(t.problems.advice, advice)
    ? t.problems.advice[advice as keyof Messages['problems']['advice']]
    : printable(advice);
}

function credentialLine(entry: CredentialStatus, now: number, t: Messages): ProblemLine {
  const kind = t.problems.kinds[entry.kind];
  const source = t.problems.source(printable(entry.where), printable(entry.message));
  if (entry.state === 'checking') return { text: t.problems.checking(kind, source), level: 'warn' };
  const next = nextTryText(entry.nextTryAt, now, t);
  return { text: t.problems.refused(kind, next, adviceText(entry.advice, t), source), level: 'crit' };
}

/**
 * One line per refused credential and per failed discovery, under the header, at most `limit`: what
 * happened, where, when the next try is and what to do about it.
 */
export function problemLines(status: PollerStatus, now: number, t: Messages, limit: number): ProblemLine[] {
  const lines: ProblemLine[] = [
    ...status.credentials.map((entry) => credentialLine(entry, now, t)),
    ...status.discovery.map(
      (problem): ProblemLine => ({
        text: t.problems.discovery(
          printable(problem.target),
          problem.nextTryAt === null ? '' : nextTryText(problem.nextTryAt, now, t),
          printable(problem.message),
        ),
        level: 'error',
      }),
    ),
  ];
  if (lines.length <= limit) return lines;
  const shown = lines.slice(0, Math.max(0, limit));
  const last = shown.at(-1);
  if (last) last.text = `${last.text} ${t.problems.more(lines.length - limit)}`;
  return shown;
}
