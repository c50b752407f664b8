import type { KillResult, StatisticsRow, TopSqlRow, WaitEventRow } from '../drill/types.js';
import { badResponse } from './api-error.js';
import { bodyWithList, booleanField, countField, entryOf, idField, textField } from './drill-fields.js';
import { maxQueryCells } from './drill-parse-sessions.js';
import { objectBody } from './json-body.js';

/** The calls ask for pages of at most 100 rows; a longer list is cut to what was asked. */
const maxRows = 100;

function rows<T>(list: readonly unknown[], read: (entry: Record<string, unknown>) => T | null): T[] {
  const found: T[] = [];
  for (const item of list.slice(0, maxRows)) {
    const row = read(entryOf(item));
    if (row !== null) found.push(row);
  }
  return found;
}

/** `GET /session-statistics` -> `statistics_list[]`; a row without a name is left out. */
export function parseStatistics(text: string, requestId: string | null): StatisticsRow[] {
  const { list } = bodyWithList(text, 'statistics_list', requestId);
  return rows(list, (entry) => {
    const name = textField(entry.name, 128);
    if (name === null) return null;
    return { name, active_num: countField(entry.active_num), total_num: countField(entry.total_num) };
  });
}

/** `GET /session/statistic/wait-event` -> `wait_event_info[]`; a row without an event is left out. */
export function parseWaitEvents(text: string, requestId: string | null): WaitEventRow[] {
  const { list } = bodyWithList(text, 'wait_event_info', requestId);
  return rows(list, (entry) => {
    const eventName = textField(entry.event_name, 128);
    if (eventName === null) return null;
    return {
      node_name: textField(entry.node_name, 128),
      event_name: eventName,
      count: countField(entry.count),
    };
  });
}

/** `GET /session/statistic/top-sql` -> `top_sql_info[]`; a row without its SQL text is left out. */
export function parseTopSql(text: string, requestId: string | null): TopSqlRow[] {
  const { list } = bodyWithList(text, 'top_sql_info', requestId);
  return rows(list, (entry) => {
    const query = textField(entry.query, maxQueryCells);
    if (query === null) return null;
    return {
      node_name: textField(entry.node_name, 128),
      unique_sql_id: idField(entry.unique_sql_id),
      query,
      count: countField(entry.count),
    };
  });
}

/**
 * `POST /kill-session` -> `{session_ids, success}`. What was killed matters too much to guess: a
 * `success` that is not a boolean is a bad response; ids that are not ids are left out.
 */
export function parseKillResult(text: string, requestId: string | null): KillResult {
  const body = objectBody(text, requestId);
  const success = booleanField(body.success);
  if (success === null) throw badResponse('success', 'is not true or false', requestId);
  const listed = Array.isArray(body.session_ids) ? body.session_ids.slice(0, 1000) : [];
  const sessionIds = listed.map(idField).filter((id): id is string => id !== null);
  return { session_ids: sessionIds, success };
}
