import { type DrillTab, drillTabs } from '../../drill/source.js';
import { type SessionColumnId, sessionSortColumns } from './session-columns.js';

/** What the user looks at inside the drill-down page; the data itself comes from the DrillSource. */
export interface DrillView {
  tab: DrillTab;
  /** The selected row per tab, by its key (a session id, a tree line, a SQL id): selection follows the row. */
  selected: Partial<Record<DrillTab, string>>;
  /** null: blocked first, then the longest running. */
  sort: { column: SessionColumnId; reverse: boolean } | null;
  filter: string;
  editingFilter: boolean;
  /** The full view of one row (a session, or a Top SQL statement), by its key; null for the tab. */
  detail: string | null;
  /** The first line of the detail shown (long SQL scrolls). */
  detailTop: number;
  /** The session a kill waits on `y` for. */
  confirmKill: string | null;
  notice: { text: string; until: number } | null;
}

export const initialDrillView: DrillView = {
  tab: 'sessions',
  selected: {},
  sort: null,
  filter: '',
  editingFilter: false,
  detail: null,
  detailTop: 0,
  confirmKill: null,
  notice: null,
};

export type DrillEvent =
  | { type: 'tab'; tab: DrillTab }
  | { type: 'stepTab'; direction: 1 | -1 }
  | { type: 'select'; key: string }
  | { type: 'nextSort' }
  | { type: 'reverseSort' }
  | { type: 'startFilter' }
  | { type: 'editFilter'; text: string }
  | { type: 'endFilter'; keep: boolean }
  | { type: 'openDetail'; key: string }
  | { type: 'closeDetail' }
  | { type: 'scrollDetail'; by: number }
  | { type: 'askKill'; sessionId: string }
  | { type: 'endKill' }
  | { type: 'notice'; text: string; until: number }
  | { type: 'expire'; now: number };

export function drillReducer(state: DrillView, event: DrillEvent): DrillView {
  switch (event.type) {
    case 'tab':
      return { ...state, tab: event.tab, detail: null, editingFilter: false };
    case 'stepTab': {
      const index = drillTabs.indexOf(state.tab) + event.direction;
      const tab = drillTabs[(index + drillTabs.length) % drillTabs.length] ?? state.tab;
      return { ...state, tab, detail: null, editingFilter: false };
    }
    case 'select':
      return { ...state, selected: { ...state.selected, [state.tab]: event.key } };
    case 'nextSort': {
      const next = state.sort
        ? sessionSortColumns[sessionSortColumns.indexOf(state.sort.column) + 1]
        : sessionSortColumns[0];
      // After the last column comes the natural order again.
      return { ...state, sort: next ? { column: next, reverse: false } : null };
    }
    case 'reverseSort':
      return state.sort ? { ...state, sort: { ...state.sort, reverse: !state.sort.reverse } } : state;
    case 'startFilter':
      return { ...state, editingFilter: true };
    case 'editFilter':
      return { ...state, filter: event.text };
    case 'endFilter':
      return { ...state, editingFilter: false, filter: event.keep ? state.filter : '' };
    case 'openDetail':
      return { ...state, detail: event.key, detailTop: 0 };
    case 'closeDetail':
      return { ...state, detail: null, detailTop: 0 };
    case 'scrollDetail':
      return { ...state, detailTop: Math.max(0, state.detailTop + event.by) };
    case 'askKill':
      return { ...state, confirmKill: event.sessionId };
    case 'endKill':
      return { ...state, confirmKill: null };
    case 'notice':
      return { ...state, notice: { text: event.text, until: event.until } };
    case 'expire':
      return state.notice && event.now >= state.notice.until ? { ...state, notice: null } : state;
  }
}
