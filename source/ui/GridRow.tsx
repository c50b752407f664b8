import chalk, { type ChalkInstance } from 'chalk';
import { Text } from 'ink';
import { memo } from 'react';
import stringWidth from 'string-width';
import { localErrorLabel, type Messages } from '../i18n/index.js';
import type { Metric } from '../metrics.js';
import { metricLevel, type Thresholds } from '../monitor/severity.js';
import type { InstanceView } from '../monitor/store.js';
import { printable } from '../server-text.js';
import { fit, formatAge, sparkline } from './format.js';
import type { Column } from './layout.js';
import type { Theme } from './theme.js';

export interface GridRowProps {
  view: InstanceView;
  columns: readonly Column[];
  selected: boolean;
  /** Age label, or '' while the data is fresh (a fresh row never changes just because time passes). */
  age: string;
  stale: boolean;
  /** How long the level has held, or since a recovery ('' for none): `levelDuration`. */
  duration: string;
  t: Messages;
  theme: Theme;
  thresholds: Thresholds;
}

const isAlarm = (level: InstanceView['dataLevel']): level is 'crit' | 'warn' =>
  level === 'crit' || level === 'warn';

/**
 * A short error for the grid: our own words for local failures (in the chosen language, with the HTTP
 * status when there is one: "credentials refused (401)"), the code and message for the server's.
 */
export function errorNote(error: NonNullable<InstanceView['error']>, t: Messages): string {
  const local = localErrorLabel(error.code, t);
  if (local) return error.status === null ? local : `${local} (${error.status})`;
  return printable(`${error.code} ${error.message}`);
}

type Style = { color?: string | undefined; bold?: boolean; dim?: boolean };

function paint(text: string, style: Style): string {
  let brush: ChalkInstance = chalk;
  if (style.color) brush = (brush as unknown as Record<string, ChalkInstance>)[style.color] ?? brush;
  if (style.bold) brush = brush.bold;
  if (style.dim) brush = brush.dim;
  return brush === chalk ? text : brush(text);
}

/**
 * One instance as one styled line. Built as a single string rather than a Text per cell: a screenful
 * of rows is then a few dozen layout nodes instead of a thousand, which is most of a frame's cost.
 */
export function rowLine({
  view,
  columns,
  selected,
  age,
  stale,
  duration,
  t,
  theme,
  thresholds,
}: GridRowProps): string {
  const overview = view.latest?.overview;
  const dim = stale || view.error !== null;
  const cells = columns.map((column) => {
    switch (column.id) {
      case 'name':
        return fit(printable(view.name), column.width, 'left', theme.symbols.ellipsis);
      case 'level': {
        // A CRIT or WARN instance that now fails still reads as CRIT or WARN: its error is beside it.
        const shown = view.level === 'error' && isAlarm(view.dataLevel) ? view.dataLevel : view.level;
        const style = theme.level(shown);
        const word = `${style.glyph} ${t.levels[shown]}`;
        const withDuration = duration ? `${word} ${duration}` : word;
        return paint(fit(stringWidth(withDuration) <= column.width ? withDuration : word, column.width), {
          color: style.color,
          bold: style.bold,
        });
      }
      case 'total':
      case 'active':
      case 'slowSql':
      case 'lock': {
        const metric: Metric = column.id;
        const value = overview?.[metric];
        const level = value === undefined ? 'ok' : metricLevel(value, thresholds[metric]);
        const text = fit(value === undefined ? '-' : String(value), column.width, 'right');
        return paint(text, {
          color: level === 'ok' ? undefined : theme.level(level).color,
          bold: level === 'crit',
          dim,
        });
      }
      case 'trend':
        return paint(fit(view.trend.length ? sparkline(view.trend, column.width) : '', column.width), {
          color: theme.accent,
          dim,
        });
      case 'age':
        return paint(fit(age, column.width, 'right'), {
          color: stale ? theme.level('warn').color : undefined,
          bold: stale,
        });
      default:
        return paint(fit(view.error ? errorNote(view.error, t) : '', column.width), {
          color: theme.level('error').color,
        });
    }
  });
  const line = `${selected ? `${theme.symbols.selected} ` : '  '}${cells.join(' ')}`;
  return selected ? chalk.inverse(line) : line;
}

/** One instance on one line. Memoised: rows whose data did not change are not rebuilt. */
export const GridRow = memo(function GridRow(props: GridRowProps) {
  return <Text wrap="truncate-end">{rowLine(props)}</Text>;
});

export function ageLabel(
  view: InstanceView,
  now: number,
  staleAfterMs: number,
): { age: string; stale: boolean } {
  if (!view.latest) return { age: view.error ? '-' : '', stale: view.error !== null };
  const ms = now - view.latest.at;
  const stale = ms > staleAfterMs;
  return { age: stale || view.error ? formatAge(ms) : '', stale };
}
