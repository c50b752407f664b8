import type { Session, SessionList } from '../drill/types.js';
import {
  blockerField,
  bodyWithList,
  countField,
  entryOf,
  epochField,
  idField,
  portField,
  runtimeField,
  textField,
} from './drill-fields.js';

/** The API lists at most this many sessions (the console's manual): that many means more were left out. */
export const sessionListCap = 200;
/** More entries than this are not read: the answer is bounded whatever the server sends. */
const maxEntries = 1000;
/** SQL text is for a detail view, not a document. */
export const maxQueryCells = 16_384;

function sessionOf(entry: Record<string, unknown>, sessionId: string): Session {
  return {
    session_id: sessionId,
    user_name: textField(entry.user_name, 128),
    database_name: textField(entry.database_name, 128),
    client_ip: textField(entry.client_ip, 64),
    client_port: portField(entry.client_port),
    application_name: textField(entry.application_name, 128),
    state: textField(entry.state, 64),
    wait_event: textField(entry.wait_event, 64),
    wait_status: textField(entry.wait_status, 64),
    lock_mode: textField(entry.lock_mode, 64),
    lock_tag: textField(entry.lock_tag, 256),
    block_session: blockerField(entry.block_session),
    query_runtime: runtimeField(entry.query_runtime),
    query_start: epochField(entry.query_start),
    transaction_start: epochField(entry.transaction_start),
    back_end_start: epochField(entry.back_end_start),
    sql_num: countField(entry.sql_num),
    unique_sql_id: idField(entry.unique_sql_id),
    query: textField(entry.query, maxQueryCells),
  };
}

/**
 * `POST /real-time-session` -> `sessions[]`. An entry without a usable `session_id` is left out (it
 * can be neither killed nor named as a blocker); so is a second entry with the same id.
 */
export function parseSessionList(text: string, requestId: string | null): SessionList {
  const { list } = bodyWithList(text, 'sessions', requestId);
  const seen = new Set<string>();
  const sessions: Session[] = [];
  for (const item of list.slice(0, maxEntries)) {
    const entry = entryOf(item);
    const sessionId = idField(entry.session_id);
    if (sessionId === null || seen.has(sessionId)) continue;
    seen.add(sessionId);
    sessions.push(sessionOf(entry, sessionId));
  }
  return { sessions, truncated: list.length >= sessionListCap };
}
