import type { Thresholds } from '../monitor/severity.js';
import type { InstanceView } from '../monitor/store.js';
import { type ColumnSpec, type Comparator, columns, type SortColumn } from './columns.js';

export type { SortColumn } from './columns.js';

export interface SortOrder {
  column: SortColumn;
  reverse: boolean;
}

export const defaultSort: SortOrder = { column: 'level', reverse: false };

const sortable = columns.filter(
  (column): column is ColumnSpec<SortColumn> & Required<Pick<ColumnSpec, 'compare'>> =>
    column.compare !== undefined,
);

/** The order `s` steps through: the default first, then every sortable column left to right. */
export const sortColumns: readonly SortColumn[] = [
  defaultSort.column,
  ...sortable.map((column) => column.id).filter((id) => id !== defaultSort.column),
];

const byName = (a: InstanceView, b: InstanceView): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

export function sortInstances(
  instances: readonly InstanceView[],
  order: SortOrder,
  now: number,
  thresholds: Thresholds,
): InstanceView[] {
  const column = sortable.find((candidate) => candidate.id === order.column);
  const primary: Comparator = column ? column.compare({ now, thresholds }) : () => 0;
  const direction = order.reverse ? -1 : 1;
  return [...instances].sort((a, b) => direction * (primary(a, b) || byName(a, b)));
}

export function nextSortColumn(column: SortColumn): SortColumn {
  return sortColumns[(sortColumns.indexOf(column) + 1) % sortColumns.length] as SortColumn;
}

/** Instances whose name or id contains the query, ignoring case. */
export function filterInstances(instances: readonly InstanceView[], query: string): readonly InstanceView[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return instances;
  return instances.filter(
    (view) => view.name.toLowerCase().includes(needle) || view.instanceId.toLowerCase().includes(needle),
  );
}
