// The columns of a session list, declared once: the sessions page (ui/drill/) and `gaussdb-top
// sessions` (output/) both draw from this list. Cells are the server's text as given: each view makes
// it printable and fits it to its own width.
import { formatRuntime } from './runtime.js';
import type { Session } from './types.js';

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

/** The columns' ids; each has its heading in the i18n catalogues' `drill.columns`. */
export type SessionColumnId =
  | 'id'
  | 'user'
  | 'database'
  | 'client'
  | 'state'
  | 'runtime'
  | 'lock'
  | 'blockedBy'
  | 'sql';

/** A missing or malformed field reads `?`: never `NaN`, `undefined` or a blank that looks like "none". */
const shown = (value: string | number | null): string => (value === null ? '?' : String(value));

const text = (pick: (session: Session) => string | null) => (a: Session, b: Session) =>
  (pick(a) ?? '').localeCompare(pick(b) ?? '');

/** What a session waits on, or its state when it waits on nothing ("none" is the API's word for that). */
function stateOrWait(session: Session): string {
  const waiting = session.wait_event !== null && session.wait_event !== 'none' ? session.wait_event : null;
  return waiting ?? session.state ?? session.wait_status ?? '?';
}

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
    cell: stateOrWait,
    compare: text(stateOrWait),
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
