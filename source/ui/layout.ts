import stringWidth from 'string-width';
import type { Messages } from '../i18n/index.js';
import { type ColumnId, type ColumnSpec, columns, headingWidth, type WidthInput } from './columns.js';

/** A column as laid out for one pane width. */
export interface Column {
  id: ColumnId;
  spec: ColumnSpec<ColumnId>;
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
/** The name column's width before any name is known. */
const defaultLongestName = 16;

/** Every width claim of every column, in the order the room is given out. */
const claims = columns
  .flatMap((spec, index) => (spec.claims ?? []).map((claim) => ({ claim, index })))
  .sort((a, b) => a.claim.rank - b.claim.rank);

/**
 * Column widths for a terminal `width` cells wide, measured in cells so Chinese headings align; every
 * sortable heading has room for its sort arrow. Each column has its base width, then the room left is
 * given out claim by claim in the order of their ranks (ui/columns.ts), and what is still left goes
 * to the note, or to the name when there is no note. A narrow pane so drops the last claims first,
 * and an optional column never shows while one ranked before it is dropped.
 * The name column grows with the pane up to the longest name (`longestName`, in cells).
 */
export function gridColumns(width: number, t: Messages, longestName: number = defaultLongestName): Column[] {
  const inputs: WidthInput[] = columns.map((spec) => {
    const measures = { t, heading: headingWidth(spec, t), longestName, base: 0 };
    return { ...measures, base: spec.base(measures) };
  });
  const widths = inputs.map((input) => input.base);
  const shown = widths.filter((cells) => cells > 0).length;
  let room = width - markerWidth - widths.reduce((sum, cells) => sum + cells, 0) - gap * (shown - 1);

  // Columns appear in rank order: none shows while one ranked before it has no room.
  let dropping = false;
  for (const { claim, index } of claims) {
    const input = inputs[index] as WidthInput;
    const current = widths[index] ?? 0;
    const least = claim.atLeast?.(input);
    // A claim without a least width only widens a column that is already shown.
    if (current === 0 && (least === undefined || dropping)) continue;
    const gapCost = current === 0 ? gap : 0;
    if (least !== undefined && room < gapCost + least - current) {
      if (current === 0) dropping = true;
      continue;
    }
    const taken = Math.min(claim.upTo(input) - current, room - gapCost);
    if (taken <= 0) continue;
    widths[index] = current + taken;
    room -= gapCost + taken;
  }

  const filler = columns
    .map((spec, index) => ({ fill: spec.fill, index }))
    .filter(({ fill, index }) => fill !== undefined && (widths[index] ?? 0) > 0)
    .sort((a, b) => (a.fill ?? 0) - (b.fill ?? 0))[0];
  if (filler && room > 0) widths[filler.index] = (widths[filler.index] ?? 0) + room;

  return columns.flatMap((spec, index): Column[] => {
    const cells = widths[index] ?? 0;
    return cells > 0 ? [{ id: spec.id, spec, width: cells, align: spec.align }] : [];
  });
}

/** The widest name, in cells, for the name column to grow to. */
export function longestNameWidth(views: readonly { name: string }[]): number {
  let widest = 0;
  for (const view of views) widest = Math.max(widest, stringWidth(view.name));
  return widest;
}
