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
const nameRange = { min: 10, max: 24 };
const trendWidth = 12;
const noteMin = 10;

/**
 * Column widths for a terminal `width` cells wide, measured in cells so Chinese headings align.
 * Narrow terminals lose the trend, then the note, then the age column.
 */
export function gridColumns(width: number, t: Messages): Column[] {
  const heading = (id: Exclude<ColumnId, 'name' | 'note' | 'level'>) => stringWidth(t.columns[id]);
  const levelWidth = Math.max(
    stringWidth(t.columns.level),
    ...levels.map((level) => 2 + stringWidth(t.levels[level])),
  );
  const numbers: Column[] = (['total', 'active', 'slowSql', 'lock'] as const).map((id) => ({
    id,
    width: Math.max(6, heading(id)),
    align: 'right',
  }));
  const optional: Column[] = [
    { id: 'trend', width: Math.max(trendWidth, heading('trend')), align: 'left' },
    { id: 'age', width: Math.max(4, heading('age')), align: 'right' },
  ];
  const fixed = (columns: Column[]) =>
    markerWidth + columns.reduce((sum, column) => sum + column.width + gap, 0);

  const build = (withTrend: boolean, withAge: boolean, withNote: boolean): Column[] | undefined => {
    const middle: Column[] = [
      { id: 'level', width: levelWidth, align: 'left' },
      ...numbers,
      ...(withTrend ? [optional[0] as Column] : []),
      ...(withAge ? [optional[1] as Column] : []),
    ];
    const room = width - fixed(middle);
    const nameWidth = Math.min(nameRange.max, room - (withNote ? noteMin + gap : 0));
    if (nameWidth < nameRange.min) return undefined;
    const columns: Column[] = [{ id: 'name', width: nameWidth, align: 'left' }, ...middle];
    if (withNote) columns.push({ id: 'note', width: width - fixed(columns), align: 'left' });
    return columns;
  };

  return (
    build(true, true, true) ??
    build(false, true, true) ??
    build(false, true, false) ??
    build(false, false, false) ?? [{ id: 'name', width: Math.max(1, width - markerWidth), align: 'left' }]
  );
}
