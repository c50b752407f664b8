import type { Feed, InstanceView } from '../feed/feed.js';
import type { Level } from '../monitor/severity.js';
import type { Clock, Timers } from '../time.js';

// The one rule for every alert that reaches the terminal (`--bell`, `--notify`): an instance entering
// CRIT or ERROR raises an alarm once per transition, never more than once per quiet period in total,
// so a fleet that goes red together alerts once, and a flapping instance cannot ring a tune.

export interface AlarmOptions {
  feed: Pick<Feed, 'subscribe' | 'getSnapshot'>;
  /**
   * Called for each alarm with the instances that entered CRIT or ERROR since the last one, as they
   * were when they entered (first entered first).
   */
  raise: (entered: readonly InstanceView[]) => void;
  clock: Clock;
  timers: Timers;
  /** The least time between two alarms (10 s). */
  quietMs?: number;
}

/** The quiet period of the bell and the notifications, declared once for both. */
export const alarmQuietMs = 10_000;

const alarming = (level: Level) => level === 'crit' || level === 'error';

/**
 * Raises an alarm for every instance that goes from ok or warn to CRIT or ERROR. A level an instance
 * starts with is not a transition (the screen shows it). Transitions within the quiet period after an
 * alarm raise one alarm, for all of them, when that period ends. Returns what stops watching.
 */
export function watchForAlarms(options: AlarmOptions): () => void {
  const quietMs = options.quietMs ?? alarmQuietMs;
  const known = new Map<string, Level>();
  // Held back during the quiet period, by key: an instance that enters twice is told once.
  const pending = new Map<string, InstanceView>();
  let lastAlarmAt: number | null = null;
  let deferred: unknown;
  let waiting = false;

  const raiseNow = () => {
    waiting = false;
    lastAlarmAt = options.clock.monotonic();
    const entered = [...pending.values()];
    pending.clear();
    options.raise(entered);
  };
  const transition = () => {
    if (waiting) return;
    const now = options.clock.monotonic();
    if (lastAlarmAt === null || now - lastAlarmAt >= quietMs) return raiseNow();
    waiting = true;
    deferred = options.timers.set(raiseNow, lastAlarmAt + quietMs - now);
  };
  const observe = () => {
    let entered = false;
    const { instances } = options.feed.getSnapshot();
    for (const view of instances) {
      // Not heard from yet: nothing to compare with.
      if (view.levelSince === null) continue;
      const before = known.get(view.key);
      known.set(view.key, view.level);
      if (before !== undefined && !alarming(before) && alarming(view.level)) {
        pending.delete(view.key);
        pending.set(view.key, view);
        entered = true;
      }
    }
    if (known.size > instances.length) {
      const keys = new Set(instances.map((view) => view.key));
      for (const key of known.keys()) if (!keys.has(key)) known.delete(key);
    }
    if (entered) transition();
  };
  observe();
  const unsubscribe = options.feed.subscribe(observe);
  return () => {
    unsubscribe();
    options.timers.clear(deferred);
  };
}
