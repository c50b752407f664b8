import type { TopSqlRow, WaitEventRow } from '../../drill/types.js';
import type { Messages } from '../../i18n/index.js';
import { printable } from '../../server-text.js';
import { fit } from '../format.js';
import type { TabTable } from './tab-table.js';

const count = (value: number | null) => (value === null ? '?' : String(value));
const oneLine = (text: string) => printable(text.replace(/\s+/g, ' ').trim());

/** Wait events, the most waited-on first. */
export function waitsTable(rows: readonly WaitEventRow[], width: number, t: Messages): TabTable {
  const line = (event: string, node: string, n: string) =>
    `${fit(n, 8, 'right')}  ${fit(node, 16)}  ${fit(event, Math.max(8, width - 28))}`;
  const sorted = [...rows].sort((a, b) => (b.count ?? -1) - (a.count ?? -1));
  return {
    heading: line(t.drill.waitColumns.event, t.drill.waitColumns.node, t.drill.waitColumns.count),
    rows: sorted.map((row, index) => ({
      key: `${index}:${row.event_name}`,
      text: line(printable(row.event_name), printable(row.node_name ?? '?'), count(row.count)),
    })),
    empty: t.drill.none,
  };
}

/** The statements run most often; Enter shows one in full. */
export function topSqlTable(rows: readonly TopSqlRow[], width: number, t: Messages): TabTable {
  const c = t.drill.sqlColumns;
  const line = (n: string, node: string, id: string, query: string) =>
    `${fit(n, 8, 'right')}  ${fit(node, 12)}  ${fit(id, 20)}  ${fit(query, Math.max(8, width - 46))}`;
  const sorted = sortedTopSql(rows);
  return {
    heading: line(c.count, c.node, c.id, c.query),
    rows: sorted.map((row, index) => ({
      key: topSqlKey(row, index),
      text: line(
        count(row.count),
        printable(row.node_name ?? '?'),
        printable(row.unique_sql_id ?? '?'),
        oneLine(row.query),
      ),
    })),
    empty: t.drill.none,
  };
}

/** The most run first. */
function sortedTopSql(rows: readonly TopSqlRow[]): TopSqlRow[] {
  return [...rows].sort((a, b) => (b.count ?? -1) - (a.count ?? -1));
}

/** A Top SQL row's key: the same statement on two nodes is two rows. */
function topSqlKey(row: TopSqlRow, index: number): string {
  return `${index}:${row.node_name ?? ''}:${row.unique_sql_id ?? ''}`;
}

/** The statement a Top SQL row's key stands for. */
export function topSqlByKey(rows: readonly TopSqlRow[], key: string): TopSqlRow | undefined {
  return sortedTopSql(rows).find((row, index) => topSqlKey(row, index) === key);
}
