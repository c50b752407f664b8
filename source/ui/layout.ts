import stringWidth from 'string-width';
import type { Messages } from '../i18n/index.js';
import { levels } from '../monitor/severity.js';

export type ColumnId = 'name' | 'level' | 'total' | 'active' | 'slowSql' | 'lock' | 'trend' | 'age' | 'note';

export interface Column {
  id: ColumnId;
  width: number;
  align: 'left' | 'right';
}

/** Smallest terminal the grid fits in; below it the screen says how much room it needs. */
export const minimumSize = { columns: 60, rows: 8 };
/** Header (2 lines), column headings (1), footer (1). */
export const chromeRows = 4;
/** The selection marker before each row. */
export const markerWidth = 2;
const gap = 1;
/** Names: never narrower than `min`; `first` before anything optional; up to the longest name. */
const nameWidths = { min: 10, first: 16, max: 64 };
/** The error note: `first` holds a whole error code (`DBS.200002`, `APIGW.0308`), `second` its message's start. */
const noteWidths = { first: 12, second: 24 };
/** The trend: at most 12 minutes; never narrower than its heading. */
const trendMax = 12;
/** How long the level has held, after the level word: ` 12m`, ` ↺12m`. */
export const levelDurationWidth = 5;

/**
 * Column widths for a terminal `width` cells wide, measured in cells so Chinese headings align; every
 * sortable heading has room for its sort arrow. Names and error codes get the room first, then the
 * age, how long each level has held, the rest of names and messages, and last the trend: a narrow
 * pane drops the trend and keeps names whole. The name column grows with the pane up to the longest
 * name (`longestName`, in cells) and the note takes what is left.
 */
export function gridColumns(width: number, t: Messages, longestName: number = nameWidths.first): Column[] {
  const sortable = (heading: string) => stringWidth(heading) + 1;
  const levelBase = Math.max(
    sortable(t.columns.level),
    ...levels.map((level) => 2 + stringWidth(t.levels[level])),
  );
  const numbers: Column[] = (['total', 'active', 'slowSql', 'lock'] as const).map((id) => ({
    id,
    width: Math.max(6, sortable(t.columns[id])),
    align: 'right',
  }));
  const ageWidth = Math.max(4, sortable(t.columns.age));
  const trendMin = Math.min(trendMax, stringWidth(t.columns.trend));
  const wantedName = Math.max(nameWidths.min, Math.min(nameWidths.max, longestName));

  // Room for the name, the note and the optional columns, gaps included.
  let room =
    width - markerWidth - gap - levelBase - numbers.reduce((sum, column) => sum + gap + column.width, 0);
  const take = (wanted: number) => {
    const taken = Math.max(0, Math.min(wanted, room));
    room -= taken;
    return taken;
  };

  let name = Math.min(wantedName, nameWidths.first, Math.max(nameWidths.min, room - gap - noteWidths.first));
  room -= name;
  let note = room >= gap + 4 ? take(gap + noteWidths.first) - gap : 0;
  if (note <= 0) {
    name += take(room);
    note = 0;
  }
  const age = room >= gap + ageWidth ? take(gap + ageWidth) - gap : 0;
  const level = levelBase + (room >= levelDurationWidth ? take(levelDurationWidth) : 0);
  if (note > 0) note += take(noteWidths.second - note);
  name += take(wantedName - name);
  const trend = room >= gap + trendMin ? take(gap + trendMax) - gap : 0;
  if (note > 0) note += take(room);
  else name += take(room);

  const columns: Column[] = [
    { id: 'name', width: Math.max(1, name), align: 'left' },
    { id: 'level', width: level, align: 'left' },
    ...numbers,
  ];
  if (trend > 0) columns.push({ id: 'trend', width: trend, align: 'left' });
  if (age > 0) columns.push({ id: 'age', width: age, align: 'right' });
  if (note > 0) columns.push({ id: 'note', width: note, align: 'left' });
  return columns;
}

/** The widest name, in cells, for the name column to grow to. */
export function longestNameWidth(views: readonly { name: string }[]): number {
  let widest = 0;
  for (const view of views) widest = Math.max(widest, stringWidth(view.name));
  return widest;
}
