import type { DrillPart, DrillSnapshot, DrillSource, DrillTab } from '../../source/drill/source.js';
import type { ExecNode, KillResult, Session } from '../../source/drill/types.js';

const empty = <T>(): DrillPart<T> => ({ data: null, at: null, error: null, loading: false });

/** A session with every field present; a test overrides what its case is about. */
export function session(id: string, fields: Partial<Session> = {}): Session {
  return {
    session_id: id,
    user_name: 'app',
    database_name: 'ledger',
    client_ip: '10.0.0.5',
    client_port: 40000,
    application_name: 'billing',
    state: 'active',
    wait_event: 'none',
    wait_status: 'none',
    lock_mode: null,
    lock_tag: null,
    block_session: null,
    query_runtime: 1000,
    query_start: 1_700_000_000_000,
    transaction_start: 1_700_000_000_000,
    back_end_start: 1_700_000_000_000,
    sql_num: 3,
    unique_sql_id: '42',
    query: `SELECT ${id}`,
    ...fields,
  };
}

export const nodes: ExecNode[] = [
  { node_id: 'n1', component_id: 'c1', node_name: 'cn_5001', role: 'master', type: 'CN' },
  { node_id: 'n2', component_id: 'c2', node_name: 'cn_5002', role: 'master', type: 'CN' },
];

export interface FakeDrill extends DrillSource {
  /** What the page asked of it, in order: `open:<key>`, `tab:<tab>`, `nextNode`, `kill:<ids>`, `close`. */
  calls: string[];
  set(change: Partial<DrillSnapshot>): void;
}

/** A DrillSource whose data the test sets; kill answers `killResult` (or rejects with `killError`). */
export function fakeDrill(
  key: string,
  options: { canKill?: boolean; killResult?: KillResult; killError?: Error } = {},
): FakeDrill {
  const listeners = new Set<() => void>();
  let snapshot: DrillSnapshot = {
    key,
    nodes: { ...empty(), data: nodes, at: 0 },
    nodeIndex: 0,
    sessions: empty(),
    statistics: empty(),
    waits: empty(),
    topSql: empty(),
    paused: false,
    canKill: options.canKill ?? false,
  };
  const calls = [`open:${key}`];
  const publish = () => {
    for (const listener of listeners) listener();
  };
  return {
    calls,
    set(change) {
      snapshot = { ...snapshot, ...change };
      publish();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    setTab: (tab: DrillTab) => calls.push(`tab:${tab}`),
    nextNode() {
      calls.push('nextNode');
      snapshot = { ...snapshot, nodeIndex: (snapshot.nodeIndex + 1) % nodes.length };
      publish();
    },
    refreshNow: () => calls.push('refreshNow'),
    async kill(ids) {
      calls.push(`kill:${ids.join(',')}`);
      if (!snapshot.canKill) throw new Error('kill is not allowed');
      if (options.killError) throw options.killError;
      return options.killResult ?? { session_ids: [...ids], success: true };
    },
    close: () => calls.push('close'),
  };
}

/** A session list part as the page would get it. */
export function sessionsPart(
  list: Session[],
  at = 0,
): DrillPart<{ sessions: Session[]; truncated: boolean }> {
  return { data: { sessions: list, truncated: list.length >= 200 }, at, error: null, loading: false };
}

/** A lock chain 100 <- 101 <- 102, an idle 200, and 300 waiting on a session that is gone. */
export const lockStorm = [
  session('100', { query_runtime: 200_000, query: 'UPDATE accounts SET balance = balance - 1 WHERE id = 7' }),
  session('101', { block_session: '100', lock_mode: 'RowExclusiveLock', query_runtime: 130_000 }),
  session('102', { block_session: '101', query_runtime: 60_000 }),
  session('200', { query_runtime: 5_000 }),
  session('300', { block_session: '999', query_runtime: 9_000 }),
];
