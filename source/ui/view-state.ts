import type { Screen } from './keymap.js';
import { defaultSort, nextSortColumn, type SortOrder } from './sort.js';

/** What the user has chosen to look at; everything else on screen derives from the monitor's snapshot. */
export interface ViewState {
  screen: Screen;
  /** Selection follows the instance, not the row number. */
  selectedKey: string | null;
  sort: SortOrder;
  filter: string;
  editingFilter: boolean;
  /** A time being typed to jump to in a replay (`t`), or null. */
  timeEntry: string | null;
  /** Row order held still after a key press, so rows don't jump under the cursor. */
  frozen: { keys: readonly string[]; until: number } | null;
  /** A short confirmation in the footer (what `y` copied), until `until`. */
  notice: { text: string; until: number } | null;
}

export const initialViewState: ViewState = {
  screen: 'grid',
  selectedKey: null,
  sort: defaultSort,
  filter: '',
  editingFilter: false,
  timeEntry: null,
  frozen: null,
  notice: null,
};

export type ViewEvent =
  | { type: 'select'; key: string | null; order: readonly string[]; now: number; freezeMs: number }
  | { type: 'screen'; screen: Screen }
  /** A page about one instance opens: the selection is pinned to it, whatever the grid's order does next. */
  | { type: 'open'; screen: Screen; key: string }
  | { type: 'nextSort' }
  | { type: 'reverseSort' }
  | { type: 'startFilter' }
  | { type: 'editFilter'; text: string }
  | { type: 'endFilter'; keep: boolean }
  | { type: 'editTime'; text: string | null }
  | { type: 'unfreeze'; now: number }
  | { type: 'notice'; text: string; until: number };

export function viewReducer(state: ViewState, event: ViewEvent): ViewState {
  switch (event.type) {
    case 'select':
      return {
        ...state,
        selectedKey: event.key,
        frozen: {
          keys: state.frozen && event.now < state.frozen.until ? state.frozen.keys : event.order,
          until: event.now + event.freezeMs,
        },
      };
    case 'screen':
      return { ...state, screen: event.screen };
    case 'open':
      return { ...state, screen: event.screen, selectedKey: event.key };
    case 'nextSort':
      return { ...state, sort: { column: nextSortColumn(state.sort.column), reverse: false }, frozen: null };
    case 'reverseSort':
      return { ...state, sort: { ...state.sort, reverse: !state.sort.reverse }, frozen: null };
    case 'startFilter':
      return { ...state, editingFilter: true };
    case 'editFilter':
      return { ...state, filter: event.text, frozen: null };
    case 'endFilter':
      return { ...state, editingFilter: false, filter: event.keep ? state.filter : '', frozen: null };
    case 'editTime':
      return { ...state, timeEntry: event.text };
    case 'unfreeze': {
      const frozen = state.frozen && event.now >= state.frozen.until ? null : state.frozen;
      const notice = state.notice && event.now >= state.notice.until ? null : state.notice;
      return frozen === state.frozen && notice === state.notice ? state : { ...state, frozen, notice };
    }
    case 'notice':
      return { ...state, notice: { text: event.text, until: event.until } };
  }
}

/** Applies a held order: known keys keep their places, newcomers follow in their natural order. */
export function applyFrozenOrder<T extends { key: string }>(
  rows: readonly T[],
  frozen: ViewState['frozen'],
  now: number,
): readonly T[] {
  if (!frozen || now >= frozen.until) return rows;
  const position = new Map(frozen.keys.map((key, index) => [key, index]));
  const held = rows
    .filter((row) => position.has(row.key))
    .sort((a, b) => (position.get(a.key) ?? 0) - (position.get(b.key) ?? 0));
  return [...held, ...rows.filter((row) => !position.has(row.key))];
}
