import { Box, Text } from 'ink';
import { memo } from 'react';
import { fit } from '../format.js';
import type { Theme } from '../theme.js';
import { rowText, type TabTable } from './tab-table.js';

export interface RowListProps {
  table: TabTable;
  selectedKey: string | null;
  width: number;
  height: number;
  theme: Theme;
}

/** Cells before each row's text: the selection mark and a space. Tables are built this much narrower. */
export const rowMarkWidth = 2;

/** The first row shown: the selection stays on screen, as low as it can be without leaving it. */
export function topRow(count: number, selectedIndex: number, pageSize: number): number {
  if (selectedIndex < pageSize) return 0;
  return Math.min(Math.max(0, count - pageSize), selectedIndex - pageSize + 1);
}

/** A tab's heading and as many of its rows as fit, the selected one marked. */
export function RowList({ table, selectedKey, width, height, theme }: RowListProps) {
  const pageSize = Math.max(1, height - 1);
  const index = table.rows.findIndex((row) => row.key === selectedKey);
  const top = topRow(table.rows.length, Math.max(0, index), pageSize);
  const shown = table.rows.slice(top, top + pageSize);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">{`  ${table.heading}`}</Text>
      {table.rows.length === 0 ? (
        <Text dimColor wrap="truncate-end">{`  ${table.empty}`}</Text>
      ) : (
        shown.map((row) => {
          const selected = row.key === selectedKey;
          return (
            <Line
              key={row.key}
              text={fit(`${selected ? theme.symbols.selected : ' '} ${rowText(row)}`, width)}
              selected={selected}
              color={row.color}
              bold={row.bold}
              dim={row.dim}
            />
          );
        })
      )}
    </Box>
  );
}

interface LineProps {
  text: string;
  selected: boolean;
  color: string | undefined;
  bold: boolean | undefined;
  dim: boolean | undefined;
}

/** One row; unchanged rows are not rendered again when another changes. */
const Line = memo(function Line({ text, selected, color, bold, dim }: LineProps) {
  return (
    <Text wrap="truncate-end" inverse={selected} color={color} bold={bold} dimColor={dim}>
      {text}
    </Text>
  );
});
