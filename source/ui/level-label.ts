import type { InstanceView } from '../monitor/store.js';
import { formatAge } from './format.js';
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

/** Milliseconds until `formatAge(ms)` shows something else. */
export function untilNextAgeStep(ms: number): number {
  const steps = [
    [10_000, 1000],
    [60_000, 5000],
    [3_600_000, 60_000],
    [48 * 3_600_000, 3_600_000],
  ] as const;
  const step = steps.find(([below]) => ms < below)?.[1] ?? 86_400_000;
  return step - (Math.max(0, ms) % step);
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
