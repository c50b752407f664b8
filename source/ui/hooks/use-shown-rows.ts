import { useMemo } from 'react';
import type { Thresholds } from '../../monitor/severity.js';
import type { InstanceView } from '../../monitor/store.js';
import { filterInstances, sortInstances } from '../sort.js';
import { applyFrozenOrder, type ViewState } from '../view-state.js';

/**
 * The instances as the grid lists them: filtered, sorted, and held in their order for a moment after
 * a key press. `sortTime` is the time the age order is taken at (while paused, the pause's).
 */
export function useShownRows(
  instances: readonly InstanceView[],
  view: Pick<ViewState, 'filter' | 'sort' | 'frozen'>,
  sortTime: number,
  now: number,
  thresholds: Thresholds,
): readonly InstanceView[] {
  const filtered = useMemo(() => filterInstances(instances, view.filter), [instances, view.filter]);
  // Only the age column needs the time to sort; other orders are recomputed only when data changes.
  const sortAt = view.sort.column === 'age' ? sortTime : 0;
  const sorted = useMemo(
    () => sortInstances(filtered, view.sort, sortAt, thresholds),
    [filtered, view.sort, sortAt, thresholds],
  );
  return applyFrozenOrder(sorted, view.frozen, now);
}
