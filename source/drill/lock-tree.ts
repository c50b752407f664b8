// Who blocks whom, from the sessions' `block_session`. Every session waits on at most one other, so
// the waits form a forest of trees plus, rarely, components whose waits go round in a cycle (each such
// component has exactly one cycle, with trees of waiters hanging into it). Pure: the Blocking tab and
// `sessions --json` both read it.
import type { Session } from './types.js';

export interface LockNode {
  /** The session's id; for a placeholder, the id its waiters name. */
  sessionId: string;
  /** Null for a placeholder: a blocker the list does not hold (the API lists at most 200). */
  session: Session | null;
  /** Waiting on this one directly, most important first. */
  waiters: LockNode[];
  /** How many sessions wait on this one, directly or down a chain. */
  blockedCount: number;
  /** Part of a cycle of waits: nobody in it can proceed until one of them is killed. */
  cycle: boolean;
  notListed: boolean;
  /** The longest runtime among the sessions waiting on it (null when none is known). */
  longestWaitMs: number | null;
}

/** One row of the Blocking tab: the node at its depth (roots at 0), ready to draw. */
export interface LockLine {
  depth: number;
  sessionId: string;
  session: Session | null;
  blockedCount: number;
  cycle: boolean;
  notListed: boolean;
}

export interface LockForest {
  /** The root blockers (and one member of each cycle), most important first. */
  roots: LockNode[];
  lines: LockLine[];
  /** Sessions in cycles of waits. */
  cycles: number;
}

/** A list longer than this is drawn no deeper: a terminal has no room, and a chain that deep says enough. */
const maxDepth = 500;

function runtimeOf(node: LockNode): number {
  return node.session?.query_runtime ?? -1;
}

/** Most blocked first, then the longest wait, then the longest runtime, then by id (stable output). */
function byImportance(a: LockNode, b: LockNode): number {
  return (
    b.blockedCount - a.blockedCount ||
    (b.longestWaitMs ?? -1) - (a.longestWaitMs ?? -1) ||
    runtimeOf(b) - runtimeOf(a) ||
    (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0)
  );
}

function newNode(sessionId: string, session: Session | null): LockNode {
  return {
    sessionId,
    session,
    waiters: [],
    blockedCount: 0,
    cycle: false,
    notListed: session === null,
    longestWaitMs: null,
  };
}

/** The members of every cycle of waits (each session waits on at most one, so a walk finds them all). */
function cycleMembers(blockerOf: ReadonlyMap<string, string>): Set<string> {
  const state = new Map<string, 'walking' | 'done'>();
  const members = new Set<string>();
  for (const start of blockerOf.keys()) {
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !state.has(current)) {
      state.set(current, 'walking');
      path.push(current);
      current = blockerOf.get(current);
    }
    // Back at a session of this very walk: from there on, the walk went round.
    if (current !== undefined && state.get(current) === 'walking') {
      for (let index = path.indexOf(current); index < path.length; index++)
        members.add(path[index] as string);
    }
    for (const id of path) state.set(id, 'done');
  }
  return members;
}

/** Counts and longest waits, bottom up (iteratively: a chain may be hundreds long). */
function measure(root: LockNode): void {
  const order: LockNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as LockNode;
    order.push(node);
    stack.push(...node.waiters);
  }
  for (let index = order.length - 1; index >= 0; index--) {
    const node = order[index] as LockNode;
    let count = 0;
    let longest: number | null = null;
    for (const waiter of node.waiters) {
      count += 1 + waiter.blockedCount;
      for (const wait of [waiter.session?.query_runtime ?? null, waiter.longestWaitMs]) {
        if (wait !== null && (longest === null || wait > longest)) longest = wait;
      }
    }
    node.blockedCount = count;
    node.longestWaitMs = longest;
    node.waiters.sort(byImportance);
  }
}

function flatten(roots: readonly LockNode[]): LockLine[] {
  const lines: LockLine[] = [];
  const stack = [...roots].reverse().map((node) => ({ node, depth: 0 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: LockNode; depth: number };
    const { sessionId, session, blockedCount, cycle, notListed } = node;
    lines.push({ depth, sessionId, session, blockedCount, cycle, notListed });
    if (depth >= maxDepth) continue;
    for (let index = node.waiters.length - 1; index >= 0; index--) {
      stack.push({ node: node.waiters[index] as LockNode, depth: depth + 1 });
    }
  }
  return lines;
}

/**
 * The lock forest of a session list: each root blocker with the sessions waiting on it (chains as
 * chains); a cycle is drawn once, from one of its members, every member marked; waiters on a session
 * the list does not hold hang under a placeholder for it. Sessions that neither wait nor block are not
 * in it.
 */
export function lockForest(sessions: readonly Session[]): LockForest {
  const nodes = new Map<string, LockNode>();
  const blockerOf = new Map<string, string>();
  for (const session of sessions) {
    if (!nodes.has(session.session_id)) nodes.set(session.session_id, newNode(session.session_id, session));
  }
  for (const session of sessions) {
    const blocker = session.block_session;
    if (blocker === null || blockerOf.has(session.session_id)) continue;
    blockerOf.set(session.session_id, blocker);
    if (!nodes.has(blocker)) nodes.set(blocker, newNode(blocker, null));
  }
  const inCycle = cycleMembers(blockerOf);
  for (const [waiter, blocker] of blockerOf) {
    (nodes.get(blocker) as LockNode).waiters.push(nodes.get(waiter) as LockNode);
  }
  for (const id of inCycle) (nodes.get(id) as LockNode).cycle = true;

  const roots: LockNode[] = [];
  for (const node of nodes.values()) {
    if (!blockerOf.has(node.sessionId) && node.waiters.length > 0) roots.push(node);
  }
  // One member stands for each cycle: the edge into it is cut, so the cycle is drawn once, as a chain.
  const seen = new Set<string>();
  for (const id of [...inCycle].sort()) {
    if (seen.has(id)) continue;
    let member = id;
    do {
      seen.add(member);
      member = blockerOf.get(member) as string;
    } while (member !== id);
    const head = nodes.get(id) as LockNode;
    const closing = nodes.get(blockerOf.get(id) as string) as LockNode;
    closing.waiters = closing.waiters.filter((waiter) => waiter !== head);
    roots.push(head);
  }
  for (const root of roots) measure(root);
  roots.sort(byImportance);
  return { roots, lines: flatten(roots), cycles: inCycle.size };
}

/**
 * Each blocker with the ids of every session waiting on it directly (a cycle's closing wait too), in
 * the forest's order: what `sessions --json` calls `blocking`.
 */
export function blockingPairs(
  sessions: readonly Session[],
  forest: LockForest,
): { session_id: string; waiters: string[] }[] {
  const waitersOf = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const { session_id: id, block_session: blocker } of sessions) {
    if (blocker === null || seen.has(id)) continue;
    seen.add(id);
    const waiters = waitersOf.get(blocker) ?? [];
    waiters.push(id);
    waitersOf.set(blocker, waiters);
  }
  const pairs: { session_id: string; waiters: string[] }[] = [];
  for (const line of forest.lines) {
    const waiters = waitersOf.get(line.sessionId);
    if (!waiters) continue;
    pairs.push({ session_id: line.sessionId, waiters });
    waitersOf.delete(line.sessionId);
  }
  // Blockers the drawn tree does not reach (below its depth limit) still count: the JSON is for scripts.
  for (const [blocker, waiters] of waitersOf) pairs.push({ session_id: blocker, waiters });
  return pairs;
}
