import { type StatisticsDimension, type StatisticsRow, statisticsDimensions } from '../../drill/types.js';
import type { Messages } from '../../i18n/index.js';
import { printable } from '../../server-text.js';
import { fit } from '../format.js';
import type { Theme } from '../theme.js';
import type { TabRow, TabTable } from './tab-table.js';

/** `████░░░░`: active (full) against total (the whole bar), scaled to the largest total shown. */
function bar(row: StatisticsRow, most: number, cells: number, theme: Theme): string {
  if (row.total_num === null || most <= 0) return fit('', cells);
  const total = Math.max(1, Math.round((row.total_num / most) * cells));
  const active = Math.min(total, Math.round(((row.active_num ?? 0) / most) * cells));
  return fit(theme.symbols.barFull.repeat(active) + theme.symbols.barEmpty.repeat(total - active), cells);
}

const count = (value: number | null) => (value === null ? '?' : String(value));

/** Sessions by user, by client and by database: one section each, the busiest first. */
export function statisticsTable(
  data: Readonly<Record<StatisticsDimension, readonly StatisticsRow[]>>,
  width: number,
  t: Messages,
  theme: Theme,
): TabTable {
  const nameWidth = Math.max(10, Math.min(30, Math.floor(width / 3)));
  const countsWidth = 13;
  const barWidth = Math.max(4, width - nameWidth - countsWidth - 2);
  const rows: TabRow[] = [];
  for (const dimension of statisticsDimensions) {
    const list = data[dimension];
    const most = Math.max(0, ...list.map((row) => row.total_num ?? 0));
    rows.push({
      key: `title:${dimension}`,
      text: t.drill.dimensions[dimension],
      bold: true,
      selectable: false,
    });
    if (list.length === 0)
      rows.push({ key: `none:${dimension}`, text: `  ${t.drill.none}`, dim: true, selectable: false });
    list.forEach((row, index) => {
      rows.push({
        key: `${dimension}:${index}:${row.name}`,
        text: `${fit(`  ${printable(row.name)}`, nameWidth)} ${fit(`${count(row.active_num)}/${count(row.total_num)}`, countsWidth, 'right')} ${bar(row, most, barWidth, theme)}`,
      });
    });
  }
  return { heading: fit(`${t.drill.statisticsHeading}`, width), rows, empty: t.drill.none };
}
