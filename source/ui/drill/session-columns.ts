// The Sessions tab's columns, declared once: heading, width, drop order, cell and comparison. The
// table, the sort key `s` and the narrow-pane rule all read this list.
import type { Session } from '../../drill/types.js';
import type { Messages } from '../../i18n/index.js';
import { formatRuntime } from './runtime.js';

export interface SessionColumn {
  id: SessionColumnId;
  align: 'left' | 'right';
  /** Cells it takes; the SQL column takes what is left. */
  width: number;
  /** Dropped when the pane is narrow: highest first; 0 is never dropped. */
  dropOrder: number;
  cell: (session: Session) => string;
  /** Ascending order; the tab shows the natural order first (`runtime`: longest first). */
  compare?: (a: Session, b: Session) => number;
}

export type SessionColumnId = keyof Messages['drill']['columns'];

/** A missing or malformed field reads `?`: never `NaN`, `undefined` or a blank that looks like "none". */
const shown = (value: string | number | null): string => (value === null ? '?' : String(value));

const text = (pick: (session: Session) => string | null) => (a: Session, b: Session) =>
  (pick(a) ?? '').localeCompare(pick(b) ?? '');

/** Blocked sessions first, then the longest running: where a lock storm's story starts. */
export function naturalOrder(a: Session, b: Session): number {
  const blocked = Number(b.block_session !== null) - Number(a.block_session !== null);
  return blocked || (b.query_runtime ?? -1) - (a.query_runtime ?? -1);
}

export const sessionColumns: readonly SessionColumn[] = [
  {
    id: 'id',
    align: 'right',
    width: 16,
    dropOrder: 0,
    cell: (s) => s.session_id,
    compare: text((s) => s.session_id),
  },
  {
    id: 'user',
    align: 'left',
    width: 10,
    dropOrder: 0,
    cell: (s) => shown(s.user_name),
    compare: text((s) => s.user_name),
  },
  {
    id: 'database',
    align: 'left',
    width: 10,
    dropOrder: 4,
    cell: (s) => shown(s.database_name),
    compare: text((s) => s.database_name),
  },
  {
    id: 'client',
    align: 'left',
    width: 21,
    dropOrder: 3,
    cell: (s) =>
      s.client_ip === null ? '?' : s.client_port === null ? s.client_ip : `${s.client_ip}:${s.client_port}`,
    compare: text((s) => s.client_ip),
  },
  {
    id: 'state',
    align: 'left',
    width: 14,
    dropOrder: 2,
    cell: (s) => s.wait_event ?? s.wait_status ?? '?',
    compare: text((s) => s.wait_event ?? s.wait_status),
  },
  {
    id: 'runtime',
    align: 'right',
    width: 8,
    dropOrder: 0,
    cell: (s) => (s.query_runtime === null ? '?' : formatRuntime(s.query_runtime)),
    compare: (a, b) => (a.query_runtime ?? -1) - (b.query_runtime ?? -1),
  },
  {
    id: 'lock',
    align: 'left',
    width: 12,
    dropOrder: 5,
    cell: (s) => s.lock_mode ?? '',
    compare: text((s) => s.lock_mode),
  },
  {
    id: 'blockedBy',
    align: 'right',
    width: 16,
    dropOrder: 1,
    cell: (s) => s.block_session ?? '',
    compare: text((s) => s.block_session),
  },
  // The head of the statement on one line: its own line breaks and indentation read as single spaces.
  {
    id: 'sql',
    align: 'left',
    width: 0,
    dropOrder: 0,
    cell: (s) => (s.query === null ? '?' : s.query.replace(/\s+/g, ' ').trim()),
  },
];

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
