import type { Feed } from '../feed/feed.js';
import type { Level } from '../monitor/severity.js';
import type { Clock, Timers } from '../time.js';

// `--bell`: the terminal bell when an instance enters CRIT or ERROR, so a tmux window that is not in
// view gets its bell flag (monitor-bell). Once per transition, never more than once per quiet period
// in total: a fleet that goes red together rings once, and a flapping instance cannot ring a tune.

export interface BellOptions {
  feed: Pick<Feed, 'subscribe' | 'getSnapshot'>;
  /** Writes BEL to the terminal. */
  ring: () => void;
  clock: Clock;
  timers: Timers;
  /** The least time between two bells (10 s). */
  quietMs?: number;
}

const alarming = (level: Level) => level === 'crit' || level === 'error';

/**
 * Rings for every instance that goes from ok or warn to CRIT or ERROR. A level an instance starts
 * with is not a transition (the screen shows it). A transition within the quiet period after a bell
 * rings once when that period ends. Returns what stops watching.
 */
export function watchForBell(options: BellOptions): () => void {
  const quietMs = options.quietMs ?? 10_000;
  const known = new Map<string, Level>();
  let lastRingAt: number | null = null;
  let deferred: unknown;
  let waiting = false;

  const ringNow = () => {
    waiting = false;
    lastRingAt = options.clock.monotonic();
    options.ring();
  };
  const transition = () => {
    if (waiting) return;
    const now = options.clock.monotonic();
    if (lastRingAt === null || now - lastRingAt >= quietMs) return ringNow();
    waiting = true;
    deferred = options.timers.set(ringNow, lastRingAt + quietMs - now);
  };
  const observe = () => {
    let entered = false;
    const { instances } = options.feed.getSnapshot();
    for (const view of instances) {
      // Not heard from yet: nothing to compare with.
      if (view.levelSince === null) continue;
      const before = known.get(view.key);
      known.set(view.key, view.level);
      if (before !== undefined && !alarming(before) && alarming(view.level)) entered = true;
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
