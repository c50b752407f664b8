import stringWidth from 'string-width';
import type { Messages } from '../i18n/index.js';
import { metrics } from '../metrics.js';
import { printable } from '../server-text.js';
import { describeError, type Report, type ReportRow } from './report.js';

type Align = 'left' | 'right';

function pad(text: string, width: number, align: Align): string {
  const gap = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'right' ? gap + text : text + gap;
}

interface TableColumn {
  heading: string;
  align: Align;
  cell: (row: ReportRow) => string;
}

/**
 * An aligned table with localized headings; widths in terminal cells, so Chinese stays aligned. An ID
 * column follows the name whenever a name differs from its id (a name alone cannot be pasted into a
 * console or an API call), or always with `wide`.
 */
export function renderTable(report: Report, t: Messages, options: { wide?: boolean } = {}): string {
  const count = (value: number | undefined) => (value === undefined ? '-' : String(value));
  const withIds = options.wide === true || report.rows.some((row) => row.name !== row.instanceId);
  const columns: TableColumn[] = [
    { heading: t.columns.instance, align: 'left', cell: (row) => printable(row.name) },
    ...(withIds
      ? [
          {
            heading: t.columns.id,
            align: 'left' as const,
            cell: (row: ReportRow) => printable(row.instanceId),
          },
        ]
      : []),
    ...metrics.map(
      (metric): TableColumn => ({
        heading: t.columns[metric],
        align: 'right',
        cell: (row) => count(row.overview?.[metric]),
      }),
    ),
    { heading: t.columns.level, align: 'left', cell: (row) => t.levels[row.level] },
    {
      heading: t.columns.error,
      align: 'left',
      cell: (row) => (row.error ? printable(describeError(row.error, t)) : ''),
    },
  ];
  const body = report.rows.map((row) => columns.map((column) => column.cell(row)));
  // A reduce, not Math.max(...rows): spreading one argument per instance overflows the stack.
  const widths = columns.map((column, index) =>
    body.reduce(
      (widest, line) => Math.max(widest, stringWidth(line[index] ?? '')),
      stringWidth(column.heading),
    ),
  );
  const lines = [columns.map((column) => column.heading), ...body].map((line) =>
    line
      .map((text, index) => pad(text, widths[index] ?? 0, columns[index]?.align ?? 'left'))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}
