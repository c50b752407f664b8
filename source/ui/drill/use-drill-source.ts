import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DrillSnapshot, DrillSource } from '../../drill/source.js';
import type { Feed } from '../../feed/feed.js';

const noSubscription = () => () => undefined;

/**
 * The drill-down data of one instance while its page is open: opened when the page mounts (or the
 * instance changes), closed when it unmounts, so nothing is polled for a page nobody looks at.
 */
export function useDrillSource(
  feed: Feed,
  key: string,
): { source: DrillSource | null; snapshot: DrillSnapshot | null } {
  const [source, setSource] = useState<DrillSource | null>(null);
  useEffect(() => {
    const opened = feed.openDrill?.(key) ?? null;
    setSource(opened);
    return () => opened?.close();
  }, [feed, key]);
  const snapshot = useSyncExternalStore(
    source ? source.subscribe : noSubscription,
    () => source?.getSnapshot() ?? null,
  );
  return { source, snapshot };
}
