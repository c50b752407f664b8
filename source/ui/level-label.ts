import type { InstanceView } from '../monitor/store.js';
import { formatAge, nextAgeChangeMs } from './format.js';
import type { Symbols } from './theme.js';

/** How long a return to ok stays marked (`ok ↺2m`), so an instance that flaps is seen to flap. */
export const recoveryMarkMs = 5 * 60_000;

/**
 * How long the level has held (`4m` after `CRIT`), or since a recent recovery (`↺2m` after `ok`);
 * '' for an ok instance with nothing to tell. In the steps of `formatAge`, so it changes rarely.
 */
export function levelDuration(view: InstanceView, now: number, symbols: Symbols): string {
  if (view.levelSince === null) return '';
  if (view.level !== 'ok') return formatAge(now - view.levelSince);
  if (view.recoveredAt !== null && now - view.recoveredAt < recoveryMarkMs)
    return `${symbols.recovered}${formatAge(now - view.recoveredAt)}`;
  return '';
}

/**
 * Milliseconds until `formatAge(ms)` shows something else. Asked for every instance on every frame,
 * so it allocates nothing (2,000 instances made this a tenth of all the memory a frame churned).
 */
function untilNextAgeStep(ms: number): number {
  return nextAgeChangeMs(ms) - Math.max(0, ms);
}

/** Milliseconds until the duration label of any of `views` changes (or the recovery mark goes). */
export function untilLevelLabelsChange(views: readonly InstanceView[], now: number): number {
  let soonest = Number.POSITIVE_INFINITY;
  for (const view of views) {
    if (view.levelSince === null) continue;
    if (view.level !== 'ok') soonest = Math.min(soonest, untilNextAgeStep(now - view.levelSince));
    else if (view.recoveredAt !== null && now - view.recoveredAt < recoveryMarkMs) {
      const since = now - view.recoveredAt;
      soonest = Math.min(soonest, untilNextAgeStep(since), recoveryMarkMs - since);
    }
  }
  return soonest;
}
