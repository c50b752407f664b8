// The sessions page's table: which of the shared session columns fit the pane, and how `s` steps
// through them.
import { type SessionColumn, type SessionColumnId, sessionColumns } from '../../drill/session-columns.js';

export type { SessionColumnId } from '../../drill/session-columns.js';

/** The SQL column keeps at least this much room before other columns are dropped for it. */
const sqlMinimum = 16;

/** The columns that fit `width` cells (one space between), the SQL column taking what is left. */
export function sessionLayout(width: number): { column: SessionColumn; width: number }[] {
  let kept = [...sessionColumns];
  const need = (list: readonly SessionColumn[]) =>
    list.reduce((sum, column) => sum + column.width + 1, 0) + sqlMinimum;
  while (need(kept) > width) {
    const drop = kept.reduce((worst, column) => (column.dropOrder > worst.dropOrder ? column : worst));
    if (drop.dropOrder === 0) break;
    kept = kept.filter((column) => column !== drop);
  }
  const fixed = kept.reduce((sum, column) => sum + (column.id === 'sql' ? 0 : column.width + 1), 0);
  return kept.map((column) => ({
    column,
    width: column.id === 'sql' ? Math.max(1, width - fixed) : column.width,
  }));
}

/** The sortable columns, in the order `s` steps through them. */
export const sessionSortColumns: readonly SessionColumnId[] = sessionColumns
  .filter((column) => column.compare)
  .map((column) => column.id);
