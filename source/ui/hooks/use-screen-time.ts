import { useEffect, useState } from 'react';
import type { MonitorSnapshot } from '../../monitor/store.js';
import type { Clock, Timers } from '../../time.js';
import { nextAgeChangeMs, nextPauseStepMs, pauseStepMs } from '../format.js';
import { untilLevelLabelsChange } from '../level-label.js';

export interface ScreenTimeInput {
  snapshot: MonitorSnapshot;
  pausedAt: number | null;
  staleAfterMs: number;
  /** Something on screen ages by the second regardless (a held order, the details view). */
  busy: boolean;
  clock: Clock;
  timers: Timers;
  /**
   * Time moves only when the feed publishes (a replay's clock is the replayed moment): nothing to wake
   * up for, and a wake-up computed on a clock that stands still would come again at once.
   */
  publishedTime?: boolean;
}

/**
 * Re-renders every second while a countdown runs or the details view is open, and otherwise at
 * `wakeAt`: the moment the first fresh row turns stale or an age label changes. Without that wake-up,
 * a screen that receives nothing (throttled, a dead network) would keep looking fresh for ever;
 * without the idleness, it would repaint an unchanged screen every second.
 */
function useTicking(everySecond: boolean, wakeAt: number | null, clock: Clock, timers: Timers): void {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!everySecond && wakeAt === null) return;
    const delay = everySecond ? 1000 : Math.max(0, (wakeAt ?? 0) - clock.monotonic());
    const timer = timers.set(() => setTick(tick + 1), delay);
    return () => timers.clear(timer);
  }, [everySecond, wakeAt, clock, timers, tick]);
}

/**
 * The time the screen is drawn at. While paused it moves in the pause's coarse steps only (every 5 s,
 * then every minute), and nothing else wakes the screen: between steps not a byte is written.
 */
export function useScreenTime({
  snapshot,
  pausedAt,
  staleAfterMs,
  busy,
  clock,
  timers,
  publishedTime = false,
}: ScreenTimeInput): number {
  const real = clock.monotonic();
  let now = real;
  let everySecond = false;
  let wakeAt: number | null = null;
  if (pausedAt !== null) {
    now = pausedAt + pauseStepMs(real - pausedAt);
    wakeAt = pausedAt + nextPauseStepMs(real - pausedAt);
  } else {
    const { credentials, discovery } = snapshot.status;
    everySecond = busy || [...credentials, ...discovery].some((problem) => problem.nextTryAt !== null);
    let next = Number.POSITIVE_INFINITY;
    // A fleet that has never answered says so once that has lasted longer than data may be old.
    if (snapshot.instances.length > 0 && snapshot.instances.every((view) => view.latest === null)) {
      const waited = real - snapshot.startedAt;
      next =
        snapshot.startedAt + (waited > staleAfterMs ? waited + nextAgeChangeMs(waited) : staleAfterMs + 1);
    }
    for (const { latest, error } of snapshot.instances) {
      if (latest === null) continue;
      const age = real - latest.at;
      // A row shows its age once stale or failing; a fresh one changes only when it turns stale.
      const changeAt =
        error !== null || age > staleAfterMs
          ? latest.at + nextAgeChangeMs(age)
          : latest.at + staleAfterMs + 1;
      next = Math.min(next, changeAt);
    }
    // An attached screen's source down for `UNREACHABLE 12s`: that age ticks with the screen.
    const { source } = snapshot.status;
    if (source && !source.reachable && source.downSince !== null)
      next = Math.min(next, source.downSince + nextAgeChangeMs(real - source.downSince));
    // Level durations on screen (`CRIT 4m`, `ok ↺2m`) change with time too.
    next = Math.min(next, real + untilLevelLabelsChange(snapshot.instances, real));
    if (Number.isFinite(next)) wakeAt = next;
  }
  useTicking(everySecond && !publishedTime, publishedTime ? null : wakeAt, clock, timers);
  return now;
}
