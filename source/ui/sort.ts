import { metrics } from '../metrics.js';
import type { Level, Thresholds } from '../monitor/severity.js';
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

/**
 * The level an instance ranks by. One whose last attempt failed keeps its place among the worst when
 * its last known counts were critical: a failing CRIT instance is still the worst thing on screen.
 */
function rankedLevel(view: InstanceView): Level {
  return view.error !== null && view.dataLevel === 'crit' ? 'crit' : view.level;
}

/**
 * How far past its thresholds an instance is, within its level: for each count at or past that level's
 * threshold, the count divided by the threshold, summed. 152 active (crit 100) and 91 slow SQL (crit 10)
 * make 10.6; 29 lock waits (crit 10) make 2.9.
 */
export function excess(view: InstanceView, thresholds: Thresholds): number {
  const level = rankedLevel(view);
  const overview = view.latest?.overview;
  if (!overview || (level !== 'crit' && level !== 'warn')) return 0;
  let sum = 0;
  for (const metric of metrics) {
    const threshold = thresholds[metric][level];
    if (overview[metric] >= threshold) sum += overview[metric] / Math.max(1, threshold);
  }
  return sum;
}

const byName = (a: InstanceView, b: InstanceView): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** Each column's natural order: worst, largest or oldest first; names A to Z. */
function compareBy(
  column: SortColumn,
  now: number,
  thresholds: Thresholds,
): (a: InstanceView, b: InstanceView) => number {
  switch (column) {
    case 'level':
      return (a, b) =>
        severityRank[rankedLevel(b)] - severityRank[rankedLevel(a)] ||
        excess(b, thresholds) - excess(a, thresholds);
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
  thresholds: Thresholds,
): InstanceView[] {
  const primary = compareBy(order.column, now, thresholds);
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
