// The drill-down's answers as the real API shapes them (the SDK's models): node lists, sessions,
// statistics, wait events and top SQL, all derived from one instance's simulated sessions.
import type { EmulatedInstance } from './fleet.js';
import type { SimSession } from './session-model.js';
import { noise } from './simulated-load.js';

export interface EmulatedNode {
  node_id: string;
  node_name: string;
  role: 'master' | 'slave' | 'readreplica';
  type: 'CN' | 'DN';
  component_id: string;
}

/** One in four instances is distributed (CNs and DNs); the rest are centralised (a primary, standbys). */
export function isDistributed(instance: EmulatedInstance): boolean {
  return instance.seed % 4 === 0;
}

/**
 * The nodes `key-view-execute-node` lists, in an order where the default is never simply the first:
 * a standby before the primary, a DN before the first CN.
 */
export function nodesOf(instance: EmulatedInstance): EmulatedNode[] {
  const node = (
    index: number,
    role: EmulatedNode['role'],
    type: EmulatedNode['type'],
    component: string,
  ) => ({
    node_id: `${instance.id.slice(0, 30)}${String(index).padStart(2, '0')}no14`,
    node_name: `${instance.name}_node_${index}`,
    role,
    type,
    component_id: component,
  });
  return isDistributed(instance)
    ? [
        node(1, 'master', 'DN', 'dn_6001'),
        node(2, 'master', 'CN', 'cn_5001'),
        node(3, 'master', 'CN', 'cn_5002'),
      ]
    : [
        node(1, 'slave', 'DN', 'dn_6002'),
        node(2, 'master', 'DN', 'dn_6001'),
        node(3, 'slave', 'DN', 'dn_6003'),
      ];
}

/** The node the overview's counts come from: the first CN, or the primary. */
export function defaultNodeOf(instance: EmulatedInstance): EmulatedNode {
  const nodes = nodesOf(instance);
  return (nodes.find((node) => node.type === 'CN') ??
    nodes.find((node) => node.role === 'master')) as EmulatedNode;
}

const users = ['app_orders', 'app_billing', 'report', 'etl', 'dba', '财务'];
const databases = ['orders', 'billing', 'postgres', '数据仓库'];
const applications = ['JDBC', 'gsql', 'psycopg2', 'order-service'];
const statements = [
  'UPDATE accounts SET balance = balance - $1 WHERE id = $2',
  'SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 50',
  'INSERT INTO ledger (account_id, amount, booked_at) VALUES ($1, $2, now())',
  'SELECT o.id,\n       sum(i.amount) AS total\n  FROM orders o\n  JOIN items i ON i.order_id = o.id\n GROUP BY o.id',
  'DELETE FROM sessions WHERE expires_at < now()',
  'SELECT id FROM stock WHERE sku = $1 FOR UPDATE',
  '/* 月度报表 */ SELECT region, count(*) FROM 订单 GROUP BY region',
  'VACUUM ANALYZE ledger',
];
const lockWaits = [
  { event: 'transactionid', mode: 'ShareLock' },
  { event: 'tuple', mode: 'ExclusiveLock' },
  { event: 'relation', mode: 'RowExclusiveLock' },
];

function pick<T>(list: readonly T[], draw: number): T {
  return list[Math.floor(draw * list.length) % list.length] as T;
}

export interface SessionContext {
  seed: number;
  nowMs: number;
  component: string;
}

function statementOf(session: SimSession, seed: number): number {
  // Waiters and holders contend on the same rows: they run the statements that take row locks.
  if (session.waiting || session.holder) return session.index % 2 === 0 ? 0 : 5;
  return Math.floor(noise(seed, session.index, 11) * statements.length);
}

/** One session as `real-time-session` gives it: ids and counts as strings, start times as epoch seconds. */
export function sessionJson(session: SimSession, context: SessionContext): Record<string, unknown> {
  const { seed, nowMs, component } = context;
  const draw = (salt: number) => noise(seed, session.index, salt);
  const statement = statementOf(session, seed);
  const lockWait = pick(lockWaits, draw(12));
  const startedMs = nowMs - session.runtimeMs;
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const state = session.active ? 'active' : session.holder ? 'idle in transaction' : 'idle';
  return {
    session_id: session.id,
    pid: session.id,
    unique_sql_id: String(1_000_000_000 + statement * 7919),
    database_name: pick(databases, draw(13)),
    client_ip: `10.${(seed >>> 8) & 255}.${session.index % 250}.${((session.index * 7) % 250) + 1}`,
    client_port: String(40_000 + ((session.index * 13) % 20_000)),
    user_name: pick(users, draw(14)),
    application_name: pick(applications, draw(15)),
    wait: session.waiting ? 'yes' : 'no',
    block_session: session.blocker ?? '',
    wait_event: session.waiting ? lockWait.event : 'none',
    wait_status: session.waiting ? 'acquire lock' : 'none',
    lock_mode: session.waiting ? lockWait.mode : '',
    lock_tag: session.waiting ? `${lockWait.event}:${16384 + statement}:${session.index}` : '',
    state,
    query_runtime: (session.runtimeMs / 1000).toFixed(3),
    query: statements[statement],
    query_start: seconds(startedMs),
    transaction_start: seconds(startedMs - Math.floor(draw(16) * 60_000)),
    back_end_start: seconds(startedMs - 3_600_000 - Math.floor(draw(17) * 86_400_000)),
    exec_time: String(Math.floor(3600 + draw(17) * 86_400)),
    sql_num: String(1 + Math.floor(draw(18) * 5000)),
    trans_num: String(1 + Math.floor(draw(19) * 900)),
    rollback_num: String(Math.floor(draw(20) * 10)),
    component_name: component,
  };
}

export type StatisticsKey = 'usename' | 'client_addr' | 'datname';

/** `session-statistics` rows over every session (not only the 200 listed), counts as strings. */
export function statisticsRows(
  sessions: readonly Record<string, unknown>[],
  dimension: StatisticsKey,
): { name: string; active_num: number; total_num: number }[] {
  const field = { usename: 'user_name', client_addr: 'client_ip', datname: 'database_name' }[dimension];
  const groups = new Map<string, { name: string; active_num: number; total_num: number }>();
  for (const session of sessions) {
    const name = String(session[field]);
    const group = groups.get(name) ?? { name, active_num: 0, total_num: 0 };
    group.total_num++;
    if (session.state === 'active') group.active_num++;
    groups.set(name, group);
  }
  return [...groups.values()];
}

/** `wait-event` rows: what the active sessions wait on, most frequent first. */
export function waitEventRows(sessions: readonly Record<string, unknown>[], nodeName: string) {
  const counts = new Map<string, number>();
  for (const session of sessions) {
    if (session.state !== 'active') continue;
    const event = String(session.wait_event);
    counts.set(event, (counts.get(event) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([event, count]) => ({ node_name: nodeName, event_name: event, count: String(count) }));
}

/** `top-sql` rows: the statements the active sessions run, most frequent first (count a number). */
export function topSqlRows(sessions: readonly Record<string, unknown>[], nodeName: string) {
  const byId = new Map<string, { node_name: string; unique_sql_id: string; query: string; count: number }>();
  for (const session of sessions) {
    if (session.state !== 'active') continue;
    const id = String(session.unique_sql_id);
    const row = byId.get(id) ?? {
      node_name: nodeName,
      unique_sql_id: id,
      query: String(session.query),
      count: 0,
    };
    row.count++;
    byId.set(id, row);
  }
  return [...byId.values()].sort((a, b) => b.count - a.count);
}
