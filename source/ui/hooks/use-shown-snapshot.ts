import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { MonitorSnapshot } from '../../monitor/store.js';
import type { Clock } from '../../time.js';

export interface SnapshotSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): MonitorSnapshot;
}

/** What the screen shows: the monitor's latest snapshot, or, while paused, the one it had when paused. */
export interface ShownSnapshot {
  snapshot: MonitorSnapshot;
  /** Monotonic time the screen saw the pause begin; null while live. */
  pausedAt: number | null;
}

/**
 * While paused the screen is frozen as it was: answers to requests still in flight, a 429 landing
 * late, anything the poller publishes leaves the shown snapshot identical, so nothing is redrawn.
 * Only what a key changes passes through: the language and the interval.
 */
export function nextShown(
  previous: ShownSnapshot | null,
  latest: MonitorSnapshot,
  now: number,
): ShownSnapshot {
  if (!latest.status.paused) return { snapshot: latest, pausedAt: null };
  if (previous === null || previous.pausedAt === null) return { snapshot: latest, pausedAt: now };
  const held = previous.snapshot;
  if (held.language === latest.language && Object.is(held.status.intervalMs, latest.status.intervalMs))
    return previous;
  return {
    pausedAt: previous.pausedAt,
    snapshot: {
      ...held,
      language: latest.language,
      status: { ...held.status, intervalMs: latest.status.intervalMs },
    },
  };
}

/** The store through `nextShown`: React re-renders only when what is shown changed. */
export function useShownSnapshot(store: SnapshotSource, clock: Clock): ShownSnapshot {
  const cache = useRef<{ source: MonitorSnapshot; shown: ShownSnapshot } | null>(null);
  const getShown = useCallback(() => {
    const source = store.getSnapshot();
    const cached = cache.current;
    if (cached?.source === source) return cached.shown;
    const shown = nextShown(cached?.shown ?? null, source, clock.monotonic());
    cache.current = { source, shown };
    return shown;
  }, [store, clock]);
  return useSyncExternalStore(store.subscribe, getShown);
}
