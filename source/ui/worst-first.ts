import { metrics } from '../metrics.js';
import type { Level, Thresholds } from '../monitor/severity.js';
import type { InstanceView } from '../monitor/store.js';

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

/** Worst first: CRIT, unreachable, warn, ok; within a level, the furthest past its thresholds first. */
export function worstFirst(thresholds: Thresholds): (a: InstanceView, b: InstanceView) => number {
  return (a, b) =>
    severityRank[rankedLevel(b)] - severityRank[rankedLevel(a)] ||
    excess(b, thresholds) - excess(a, thresholds);
}
