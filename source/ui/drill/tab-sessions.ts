import { naturalOrder, sessionColumns } from '../../drill/session-columns.js';
import type { Session } from '../../drill/types.js';
import type { Messages } from '../../i18n/index.js';
import { printable } from '../../server-text.js';
import { fit } from '../format.js';
import type { Theme } from '../theme.js';
import type { DrillView } from './drill-state.js';
import { sessionLayout } from './session-columns.js';
import type { TabTable } from './tab-table.js';

/** Sessions whose id, user, database, client, wait or SQL contains the filter (case-insensitive). */
export function filterSessions(sessions: readonly Session[], filter: string): readonly Session[] {
  const query = filter.trim().toLowerCase();
  if (!query) return sessions;
  return sessions.filter((session) =>
    [
      session.session_id,
      session.user_name,
      session.database_name,
      session.client_ip,
      session.wait_event,
      session.query,
    ].some((value) => value?.toLowerCase().includes(query)),
  );
}

/** The order the tab shows: the chosen column's, or blocked first then the longest running. */
export function sortSessions(sessions: readonly Session[], sort: DrillView['sort']): readonly Session[] {
  const compare = sort ? sessionColumns.find((column) => column.id === sort.column)?.compare : undefined;
  if (!sort || !compare) return [...sessions].sort(naturalOrder);
  // Runtimes read longest first; text columns A to Z; `S` reverses either.
  const direction = (sort.column === 'runtime' ? -1 : 1) * (sort.reverse ? -1 : 1);
  return [...sessions].sort((a, b) => direction * compare(a, b) || naturalOrder(a, b));
}

export function sessionsTable(
  sessions: readonly Session[],
  view: DrillView,
  width: number,
  t: Messages,
  theme: Theme,
): TabTable {
  const layout = sessionLayout(width);
  const line = (cells: string[]) =>
    layout
      .map(({ column, width: cellWidth }, index) => fit(cells[index] ?? '', cellWidth, column.align))
      .join(' ');
  const headings = layout.map(({ column }) => {
    const arrow =
      view.sort?.column === column.id
        ? view.sort.reverse
          ? theme.symbols.sortUp
          : theme.symbols.sortDown
        : '';
    return `${t.drill.columns[column.id]}${arrow}`;
  });
  const shown = sortSessions(filterSessions(sessions, view.filter), view.sort);
  return {
    heading: line(headings),
    rows: shown.map((session) => ({
      key: session.session_id,
      // Server text is hostile: one printable line per cell.
      text: () => line(layout.map(({ column }) => printable(column.cell(session)))),
      color: session.block_session !== null ? theme.level('warn').color : undefined,
    })),
    empty: view.filter ? t.drill.noMatch : t.drill.noSessions,
  };
}
