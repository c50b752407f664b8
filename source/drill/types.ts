// What the drill-down shows about one instance, as every layer passes it on. A leaf module: the cloud
// layer parses into these types, the monitor polls them, the screen and `sessions` read them.
//
// Records keep the API's own field names (so `sessions --json` speaks the API's language). Every field
// is either of its declared type or null: null means the answer lacked it or gave a wrong type, and the
// screen shows `?` for it. Text values are already made printable (server text is hostile).

/** A node/component pair the session calls need (from POST /key-view-execute-node). */
export interface ExecNode {
  node_id: string;
  component_id: string;
  node_name: string | null;
  /** master | slave | secondary | readreplica, as the API says; null when missing. */
  role: string | null;
  /** CN or DN; null when missing or something else. */
  type: 'CN' | 'DN' | null;
}

/** One session from POST /real-time-session. */
export interface Session {
  session_id: string;
  user_name: string | null;
  database_name: string | null;
  client_ip: string | null;
  client_port: number | null;
  application_name: string | null;
  /** active, idle, idle in transaction, ... as the API says. */
  state: string | null;
  wait_event: string | null;
  wait_status: string | null;
  lock_mode: string | null;
  lock_tag: string | null;
  /** The session id this one waits on, or null when it waits on nobody (or the field was bad). */
  block_session: string | null;
  /** How long the current statement has run, in milliseconds (converted from the API's unit). */
  query_runtime: number | null;
  /** Wall-clock epoch milliseconds. */
  query_start: number | null;
  transaction_start: number | null;
  back_end_start: number | null;
  sql_num: number | null;
  unique_sql_id: string | null;
  /** The statement text (may be long; the screen cuts, the detail wraps). */
  query: string | null;
}

/** The session list as one answer gives it. */
export interface SessionList {
  sessions: readonly Session[];
  /** The API lists at most 200 sessions: true when 200 (or more) arrived. */
  truncated: boolean;
}

export type StatisticsDimension = 'usename' | 'client_addr' | 'datname';
export const statisticsDimensions: readonly StatisticsDimension[] = ['usename', 'client_addr', 'datname'];

export interface StatisticsRow {
  name: string;
  active_num: number | null;
  total_num: number | null;
}

export interface WaitEventRow {
  node_name: string | null;
  event_name: string;
  count: number | null;
}

export interface TopSqlRow {
  node_name: string | null;
  unique_sql_id: string | null;
  query: string;
  count: number | null;
}

export interface KillResult {
  /** What the API said it killed (may be fewer than asked). */
  session_ids: readonly string[];
  success: boolean;
}
