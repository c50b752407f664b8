import { useRef } from 'react';

export interface GridScroll<Row> {
  /** Index of the first visible row. */
  top: number;
  selectedIndex: number;
  selected: Row | undefined;
}

/**
 * Which rows are on screen: the selection (found by key, so it follows its instance) is always
 * visible, and the window moves only as far as needed to keep it so.
 */
export function useGridScroll<Row extends { key: string }>(
  rows: readonly Row[],
  selectedKey: string | null,
  pageSize: number,
): GridScroll<Row> {
  const topRef = useRef(0);
  const selectedIndex = Math.max(
    0,
    rows.findIndex((row) => row.key === selectedKey),
  );
  let top = Math.min(topRef.current, Math.max(0, rows.length - pageSize));
  if (selectedIndex < top) top = selectedIndex;
  if (selectedIndex >= top + pageSize) top = selectedIndex - pageSize + 1;
  topRef.current = top;
  return { top, selectedIndex, selected: rows[selectedIndex] };
}
