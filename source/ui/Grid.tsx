import { Box, Text } from 'ink';
import type { Messages } from '../i18n/index.js';
import type { Thresholds } from '../monitor/severity.js';
import type { InstanceView } from '../monitor/store.js';
import { fit } from './format.js';
import { ageLabel, GridRow } from './GridRow.js';
import { type Column, markerWidth } from './layout.js';
import { levelDuration } from './level-label.js';
import type { SortOrder } from './sort.js';
import type { Theme } from './theme.js';

export interface GridProps {
  rows: readonly InstanceView[];
  columns: readonly Column[];
  /** Index of the first visible row. */
  top: number;
  height: number;
  width: number;
  selectedKey: string | null;
  sort: SortOrder;
  now: number;
  staleAfterMs: number;
  t: Messages;
  theme: Theme;
  thresholds: Thresholds;
  /** No instance at all yet (a listing failed or found none): not the filter's doing. */
  noFleet?: boolean;
}

/** Column headings and only the rows that fit: a 2,000-instance fleet costs what a screenful costs. */
export function Grid({
  rows,
  columns,
  top,
  height,
  width,
  selectedKey,
  sort,
  now,
  staleAfterMs,
  t,
  theme,
  thresholds,
  noFleet = false,
}: GridProps) {
  const visible = rows.slice(top, top + height - 1);
  const headings = columns.map((column) => {
    const marker =
      column.id === sort.column ? (sort.reverse ? theme.symbols.sortUp : theme.symbols.sortDown) : '';
    const label = `${column.spec.heading === null ? '' : t.columns[column.spec.heading]}${marker}`;
    return fit(label, column.width, column.align);
  });
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold inverse wrap="truncate-end">
        {fit(`${' '.repeat(markerWidth)}${headings.join(' ')}`, width)}
      </Text>
      {visible.length === 0 ? <Text dimColor>{`  ${noFleet ? t.noInstances : t.noMatch}`}</Text> : null}
      {visible.map((view) => {
        const { age, stale } = ageLabel(view, now, staleAfterMs);
        const duration = levelDuration(view, now, theme.symbols);
        return (
          <GridRow
            key={view.key}
            view={view}
            columns={columns}
            selected={view.key === selectedKey}
            age={age}
            stale={stale}
            duration={duration}
            t={t}
            theme={theme}
            thresholds={thresholds}
          />
        );
      })}
    </Box>
  );
}
