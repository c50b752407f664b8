import stringWidth from 'string-width';
import type { Messages } from '../i18n/index.js';
import { printable } from '../server-text.js';
import { describeError, type Report } from './report.js';

type Align = 'left' | 'right';

function pad(text: string, width: number, align: Align): string {
  const gap = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'right' ? gap + text : text + gap;
}

/** An aligned table with localized headings; widths in terminal cells, so Chinese stays aligned. */
export function renderTable(report: Report, t: Messages): string {
  const headings = [
    t.columns.instance,
    t.columns.total,
    t.columns.active,
    t.columns.slowSql,
    t.columns.lock,
    t.columns.level,
    t.columns.error,
  ];
  const aligns: Align[] = ['left', 'right', 'right', 'right', 'right', 'left', 'left'];
  const cell = (value: number | undefined) => (value === undefined ? '-' : String(value));
  const body = report.rows.map((row) => [
    printable(row.name),
    cell(row.overview?.total),
    cell(row.overview?.active),
    cell(row.overview?.slowSql),
    cell(row.overview?.lock),
    t.levels[row.level],
    row.error ? printable(describeError(row.error, t)) : '',
  ]);
  // A reduce, not Math.max(...rows): spreading one argument per instance overflows the stack.
  const widths = headings.map((heading, column) =>
    body.reduce((widest, line) => Math.max(widest, stringWidth(line[column] ?? '')), stringWidth(heading)),
  );
  const lines = [headings, ...body].map((line) =>
    line
      .map((text, column) => pad(text, widths[column] ?? 0, aligns[column] ?? 'left'))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}
