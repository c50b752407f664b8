import { Text } from 'ink';
import { memo } from 'react';
import type { Messages } from '../i18n/index.js';
import { type Metric, metricLevel, type Thresholds } from '../monitor/severity.js';
import type { InstanceView } from '../monitor/store.js';
import { printable } from '../output/printable.js';
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
  t: Messages;
  theme: Theme;
  thresholds: Thresholds;
}

/** A short error for the grid: our own words for local failures, the code and message for the server's. */
export function errorNote(error: NonNullable<InstanceView['error']>, t: Messages): string {
  const local = t.localErrors[error.code as keyof Messages['localErrors']];
  return printable(local ? `${error.code} ${local}` : `${error.code} ${error.message}`);
}

/** One instance on one line. Memoised: rows whose data did not change are not rebuilt. */
export const GridRow = memo(function GridRow({
  view,
  columns,
  selected,
  age,
  stale,
  t,
  theme,
  thresholds,
}: GridRowProps) {
  const overview = view.latest?.overview;
  const dim = stale || view.error !== null;
  const cells = columns.map((column) => {
    const key = column.id;
    switch (column.id) {
      case 'name':
        return <Text key={key}>{fit(printable(view.name), column.width)}</Text>;
      case 'level': {
        const style = theme.level(view.level);
        return (
          <Text key={key} color={style.color} bold={style.bold}>
            {fit(`${style.glyph} ${t.levels[view.level]}`, column.width)}
          </Text>
        );
      }
      case 'total':
      case 'active':
      case 'slowSql':
      case 'lock': {
        const metric: Metric = column.id;
        const value = overview?.[metric];
        const level = value === undefined ? 'ok' : metricLevel(value, thresholds[metric]);
        const style = theme.level(level);
        return (
          <Text
            key={key}
            color={level === 'ok' ? undefined : style.color}
            bold={level === 'crit'}
            dimColor={dim}
          >
            {fit(value === undefined ? '-' : String(value), column.width, 'right')}
          </Text>
        );
      }
      case 'trend':
        return (
          <Text key={key} color={theme.accent} dimColor={dim}>
            {fit(view.trend.length ? sparkline(view.trend, column.width) : '', column.width)}
          </Text>
        );
      case 'age':
        return (
          <Text key={key} color={stale ? theme.level('warn').color : undefined} bold={stale}>
            {fit(age, column.width, 'right')}
          </Text>
        );
      default:
        return (
          <Text key={key} color={theme.level('error').color}>
            {fit(view.error ? errorNote(view.error, t) : '', column.width)}
          </Text>
        );
    }
  });
  return (
    <Text inverse={selected} wrap="truncate-end">
      {selected ? '› ' : '  '}
      {cells.flatMap((cell, index) =>
        index === 0 ? [cell] : [<Text key={`${columns[index]?.id}-gap`}> </Text>, cell],
      )}
    </Text>
  );
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
