import stringWidth from 'string-width';
import { type RecordingState, recordingProblemText } from '../feed/recording-switch.js';
import type { Messages } from '../i18n/index.js';
import type { PollerStatus, SourceStatus } from '../monitor/snapshot.js';
import { formatAge, formatCountdown, formatPaused } from './format.js';
import type { FleetSummary } from './summary.js';

/** A state that changes what the numbers mean; the header's first line opens with these. */
export interface HeaderState {
  id: 'paused' | 'source' | 'credentials' | 'allOld' | 'throttled' | 'discovery' | 'recording' | 'insecure';
  full: string;
  /** For when several states share a narrow line. */
  short: string;
}

export interface StateInput {
  status: PollerStatus;
  summary: FleetSummary;
  /** The time the screen is drawn at. */
  now: number;
  /** How long the screen has been paused, or null while live. */
  pausedForMs: number | null;
  insecure: boolean;
  /** How long the monitor has run, and how old data may get before it is stale. */
  waitingForMs: number;
  staleAfterMs: number;
  pausedSymbol: string;
  t: Messages;
  /** `--record`'s state, or null without it. */
  recording?: RecordingState | null | undefined;
}

/** When the next try is, in words: "next try in 4m10s", "trying again now", "not retried". */
export function nextTryText(nextTryAt: number | null, now: number, t: Messages): string {
  if (nextTryAt === null) return t.problems.notRetried;
  if (nextTryAt <= now) return t.problems.tryingNow;
  return t.problems.nextTry(formatCountdown(nextTryAt - now));
}

/**
 * An attached screen's source that does not answer with numbers. One that answers with something else
 * (a refused token, another status, unreadable data) says that: "unreachable" would send people to
 * the network.
 */
function sourceState(source: SourceStatus, age: string, t: Messages): HeaderState {
  const { name, fault } = source;
  const words = t.states;
  const [full, short] =
    fault?.kind === 'refused'
      ? [words.sourceRefused(name, fault.status, age), words.sourceRefusedShort(fault.status, age)]
      : fault?.kind === 'status'
        ? [words.sourceStatus(name, fault.status, age), words.sourceStatusShort(fault.status, age)]
        : fault?.kind === 'bad-data'
          ? [words.sourceBadData(name, age), words.sourceBadDataShort(age)]
          : [words.sourceDown(name, age), words.sourceDownShort(age)];
  return { id: 'source', full, short };
}

function credentialsState(status: PollerStatus, now: number, t: Messages): HeaderState | null {
  const refused = status.credentials.filter((entry) => entry.state === 'refused');
  if (refused.length === 0) {
    if (status.credentials.length === 0) return null;
    return { id: 'credentials', full: t.states.checking, short: t.states.checkingShort };
  }
  const tries = refused.flatMap((entry) => (entry.nextTryAt === null ? [] : [entry.nextTryAt]));
  const next = tries.length ? Math.min(...tries) : null;
  const count = refused.length > 1 ? ` ×${refused.length}` : '';
  const countdown = next !== null && next > now ? formatCountdown(next - now) : '';
  return {
    id: 'credentials',
    full: t.states.refused(count, nextTryText(next, now, t)),
    short: t.states.refusedShort(countdown).trimEnd(),
  };
}

/**
 * Every state that holds, most important first: a pause freezes every number (the screen's own, or,
 * in a replay, the recorded poller's); refused credentials
 * stop whole endpoints; old data is old everywhere; a 429 slows everything; a failed discovery may
 * hide instances; unverified TLS means the numbers may come from anyone.
 */
export function headerStates(input: StateInput): HeaderState[] {
  const { status, summary, now, pausedForMs, t } = input;
  const states: HeaderState[] = [];
  if (pausedForMs !== null) {
    const duration = formatPaused(pausedForMs);
    states.push({
      id: 'paused',
      full: `${input.pausedSymbol} ${t.states.paused(duration)}`,
      short: `${input.pausedSymbol} ${t.states.pausedShort(duration)}`,
    });
  }
  // A replay at a moment the recorded poller was paused: it asked nothing then.
  if (status.recordedPauseAt != null) {
    const duration = formatPaused(Math.max(0, now - status.recordedPauseAt));
    states.push({
      id: 'paused',
      full: `${input.pausedSymbol} ${t.states.pollingPaused(duration)}`,
      short: `${input.pausedSymbol} ${t.states.pausedShort(duration)}`,
    });
  }
  // An attached screen whose poller does not answer: every number below is as old as that.
  const source = status.source;
  if (source && !source.reachable) {
    const age = formatAge(now - (source.downSince ?? now));
    states.push(sourceState(source, age, t));
  }
  const credentials = credentialsState(status, now, t);
  if (credentials) states.push(credentials);
  if (summary.fresh === 0 && summary.newestAt !== null) {
    const age = formatAge(now - summary.newestAt);
    states.push({ id: 'allOld', full: t.states.allOld(age), short: t.states.allOldShort(age) });
  } else if (summary.newestAt === null && summary.total > 0 && input.waitingForMs > input.staleAfterMs) {
    // Nothing ever answered: as untrustworthy as old data, and for longer than data may be old.
    const age = formatAge(input.waitingForMs);
    states.push({ id: 'allOld', full: t.states.noData(age), short: t.states.noDataShort(age) });
  }
  const held = status.throttledUntil !== null && status.throttledUntil > now;
  if (held || status.effectiveRate < status.configuredRate)
    states.push({ id: 'throttled', full: t.states.throttled, short: t.states.throttledShort });
  if (status.discovery.length > 0)
    states.push({ id: 'discovery', full: t.states.discovery, short: t.states.discoveryShort });
  // The screen is right but the record of it is not being kept: said after what changes the numbers.
  if (input.recording?.state === 'failed') {
    const reason = recordingProblemText(input.recording, t);
    states.push({ id: 'recording', full: t.recording.failed(reason), short: t.recording.failedShort });
  }
  if (input.insecure) states.push({ id: 'insecure', full: t.states.insecure, short: t.states.insecureShort });
  return states;
}

export interface FittedStates {
  shown: { state: HeaderState; text: string }[];
  /** "+2" when some did not fit, else ''. */
  more: string;
}

/**
 * As many states as fit in `width` cells, separated by one space: the first always in full, the
 * others in full while they fit, abbreviated from the least important up, then left out (counted).
 */
export function fitStates(states: readonly HeaderState[], width: number, t: Messages): FittedStates {
  const texts = states.map((state) => state.full);
  const cells = (count: number) => {
    const hidden = states.length - count;
    const parts = [...texts.slice(0, count), ...(hidden ? [t.states.more(hidden)] : [])];
    return parts.reduce((sum, part) => sum + stringWidth(part), 0) + Math.max(0, parts.length - 1);
  };
  for (let index = states.length - 1; index > 0 && cells(states.length) > width; index--)
    texts[index] = (states[index] as HeaderState).short;
  let count = states.length;
  while (count > 1 && cells(count) > width) count--;
  return {
    shown: texts.slice(0, count).map((text, index) => ({ state: states[index] as HeaderState, text })),
    more: count < states.length ? t.states.more(states.length - count) : '',
  };
}
