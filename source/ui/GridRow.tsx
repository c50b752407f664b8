import chalk from 'chalk';
import { Text } from 'ink';
import { memo } from 'react';
import type { Messages } from '../i18n/index.js';
import type { Thresholds } from '../monitor/severity.js';
import type { InstanceView } from '../monitor/store.js';
import { formatAge } from './format.js';
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

/**
 * One instance as one styled line, each cell drawn by its column (ui/columns.ts). Built as a single
 * string rather than a Text per cell: a screenful of rows is then a few dozen layout nodes instead of
 * a thousand, which is most of a frame's cost.
 */
export function rowLine({ view, columns, selected, ...shared }: GridRowProps): string {
  const dim = shared.stale || view.error !== null;
  const cells = columns.map((column) => column.spec.cell({ ...shared, view, width: column.width, dim }));
  const line = `${selected ? `${shared.theme.symbols.selected} ` : '  '}${cells.join(' ')}`;
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
