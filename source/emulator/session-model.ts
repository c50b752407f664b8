// The sessions behind an instance's overview: made from its four counts, so the list and the counts
// agree (total sessions, `active` of them active, `lock` of them waiting on a holder, `slowSql` of the
// active ones running over 3 s). Ids stay the same for a phase of the load (half a minute), so a
// session the user kills stays gone and its waiters are released on the next answer.
import type { SessionOverview } from '../overview.js';
import { type LoadPhase, noise } from './simulated-load.js';

export interface SimSession {
  id: string;
  /** Its place in the instance's population (fields are derived from it). */
  index: number;
  active: boolean;
  waiting: boolean;
  slow: boolean;
  /** Holds a lock others wait on (idle in transaction unless it is needed among the active). */
  holder: boolean;
  blocker: string | null;
  runtimeMs: number;
}

/** More sessions than this are counted but never made one by one (pinned absurd counts stay cheap). */
export const maxPopulation = 10_000;
/** GaussDB's default `log_min_duration_statement`: what the overview calls slow. */
export const slowMs = 3000;

/** Session ids look like GaussDB's (thread ids): 15 digits, unique within an instance and phase. */
export function sessionIdOf(seed: number, phase: number, index: number): string {
  return String(139_000_000_000_000 + Math.floor(noise(seed, phase, 2) * 1e6) * 100_000 + index);
}

/** A blocker outside the list: what waiters wait on when every session of the instance waits. */
const unlistedIndex = 99_999;

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, Math.floor(value)));
}

/** Every session of an instance at a moment, before kills: consistent with `counts` by construction. */
export function population(
  seed: number,
  phase: number,
  shape: LoadPhase,
  counts: SessionOverview,
): SimSession[] {
  const total = clamp(counts.total, 0, maxPopulation);
  const active = clamp(counts.active, 0, total);
  const lock = clamp(counts.lock, 0, active);
  const slow = clamp(counts.slowSql, 0, active);
  const holders = lock === 0 ? 0 : Math.min(1 + Math.floor(noise(seed, phase, 1) * 3), total - lock);
  const others = total - holders - lock;
  const extraActive = active - lock;
  const activeOthers = Math.min(extraActive, others);
  const activeHolders = extraActive - activeOthers;
  const id = (index: number) => sessionIdOf(seed, phase, index);
  const sessions: SimSession[] = [];
  for (let index = 0; index < total; index++) {
    const holder = index < holders;
    const waiting = !holder && index < holders + lock;
    const isActive = waiting || (holder ? index < activeHolders : index < holders + lock + activeOthers);
    sessions.push({
      id: id(index),
      index,
      active: isActive,
      waiting,
      slow: false,
      holder,
      blocker: null,
      runtimeMs: 0,
    });
  }
  // The slow ones: the longest waiters first, then other active sessions, then active holders.
  const slowOrder = [
    ...sessions.filter((session) => session.waiting),
    ...sessions.filter((session) => session.active && !session.waiting && !session.holder),
    ...sessions.filter((session) => session.active && session.holder),
  ];
  for (const session of slowOrder.slice(0, slow)) session.slow = true;
  for (const session of sessions) {
    const draw = noise(seed, phase, session.index, 7);
    session.runtimeMs = session.slow
      ? slowMs + 1 + Math.floor(draw * 120_000)
      : Math.floor(draw * (slowMs - 100));
  }
  const storm = shape === 'lock-storm';
  for (let waiter = 0; waiter < lock; waiter++) {
    const session = sessions[holders + waiter] as SimSession;
    if (holders === 0) session.blocker = id(unlistedIndex);
    else if (storm && waiter > 0 && noise(seed, phase, waiter, 3) < 0.35) {
      // A chain: this one waits on an earlier waiter (earlier only, so no cycle by accident).
      session.blocker = id(holders + Math.floor(noise(seed, phase, waiter, 4) * waiter));
    } else session.blocker = id(Math.floor(noise(seed, phase, waiter, 5) * holders));
  }
  // Rarely, a storm deadlocks two waiters: each waits on the other.
  if (storm && lock >= 2 && noise(seed, phase, 6) < 0.2) {
    (sessions[holders] as SimSession).blocker = id(holders + 1);
    (sessions[holders + 1] as SimSession).blocker = id(holders);
  }
  return sessions;
}

/**
 * The population after kills: killed sessions are gone, and those waiting on one of them got their
 * lock and run on (still active, no longer waiting).
 */
export function afterKills(sessions: readonly SimSession[], killed: ReadonlySet<string>): SimSession[] {
  if (killed.size === 0) return [...sessions];
  return sessions
    .filter((session) => !killed.has(session.id))
    .map((session) =>
      session.blocker !== null && killed.has(session.blocker)
        ? { ...session, waiting: false, blocker: null }
        : session,
    );
}

/** The four counts of a session list: how the overview is computed once kills changed the list. */
export function countsOf(sessions: readonly SimSession[]): SessionOverview {
  let active = 0;
  let lock = 0;
  let slowSql = 0;
  for (const session of sessions) {
    if (session.active) active++;
    if (session.waiting) lock++;
    if (session.active && session.slow) slowSql++;
  }
  return { total: sessions.length, active, slowSql, lock };
}
