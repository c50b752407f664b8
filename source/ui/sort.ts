import type { Level } from '../monitor/severity.js';
import type { InstanceView } from '../monitor/store.js';

export const sortColumns = ['level', 'name', 'total', 'active', 'slowSql', 'lock', 'age'] as const;
export type SortColumn = (typeof sortColumns)[number];

export interface SortOrder {
  column: SortColumn;
  reverse: boolean;
}

export const defaultSort: SortOrder = { column: 'level', reverse: false };

// An instance in real trouble outranks one we cannot reach: the first is known, the second may be a blip.
const severityRank: Record<Level, number> = { crit: 3, error: 2, warn: 1, ok: 0 };

const byName = (a: InstanceView, b: InstanceView): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** Each column's natural order: worst, largest or oldest first; names A to Z. */
function compareBy(column: SortColumn, now: number): (a: InstanceView, b: InstanceView) => number {
  switch (column) {
    case 'level':
      return (a, b) => severityRank[b.level] - severityRank[a.level];
    case 'name':
      return () => 0;
    case 'age': {
      const age = (view: InstanceView) => (view.latest ? now - view.latest.at : Number.POSITIVE_INFINITY);
      return (a, b) => age(b) - age(a);
    }
    default:
      return (a, b) => (b.latest?.overview[column] ?? -1) - (a.latest?.overview[column] ?? -1);
  }
}

export function sortInstances(
  instances: readonly InstanceView[],
  order: SortOrder,
  now: number,
): InstanceView[] {
  const primary = compareBy(order.column, now);
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
