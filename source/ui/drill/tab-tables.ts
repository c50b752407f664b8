import type { DrillPart, DrillSnapshot, DrillTab } from '../../drill/source.js';
import type { Session } from '../../drill/types.js';
import type { Messages } from '../../i18n/index.js';
import type { Theme } from '../theme.js';
import type { DrillView } from './drill-state.js';
import { blockingTable } from './tab-blocking.js';
import { topSqlTable, waitsTable } from './tab-lists.js';
import { sessionsTable } from './tab-sessions.js';
import { statisticsTable } from './tab-statistics.js';
import type { TabTable } from './tab-table.js';

/** The API answer a tab shows: Sessions and Blocking read the same session list. */
export function partOf(snapshot: DrillSnapshot, tab: DrillTab): DrillPart<unknown> {
  switch (tab) {
    case 'sessions':
    case 'blocking':
      return snapshot.sessions;
    case 'statistics':
      return snapshot.statistics;
    case 'waits':
      return snapshot.waits;
    case 'topSql':
      return snapshot.topSql;
  }
}

/** The current tab's rows, or an empty table that says why (still loading, or failed). */
export function tabTable(
  snapshot: DrillSnapshot,
  view: DrillView,
  width: number,
  t: Messages,
  theme: Theme,
): TabTable {
  const waiting = (): TabTable => ({
    heading: '',
    rows: [],
    empty: partOf(snapshot, view.tab).error ? t.drill.noData : `${theme.symbols.ellipsis} ${t.drill.loading}`,
  });
  switch (view.tab) {
    case 'sessions':
      return snapshot.sessions.data
        ? sessionsTable(snapshot.sessions.data.sessions, view, width, t, theme)
        : waiting();
    case 'blocking':
      return snapshot.sessions.data
        ? blockingTable(snapshot.sessions.data.sessions, width, t, theme)
        : waiting();
    case 'statistics':
      return snapshot.statistics.data
        ? statisticsTable(snapshot.statistics.data, width, t, theme)
        : waiting();
    case 'waits':
      return snapshot.waits.data ? waitsTable(snapshot.waits.data, width, t) : waiting();
    case 'topSql':
      return snapshot.topSql.data ? topSqlTable(snapshot.topSql.data, width, t) : waiting();
  }
}

/** The session a row stands for, on the tabs whose rows are sessions. */
export function sessionOf(snapshot: DrillSnapshot, key: string | null | undefined): Session | undefined {
  if (!key) return undefined;
  return snapshot.sessions.data?.sessions.find((session) => session.session_id === key);
}
