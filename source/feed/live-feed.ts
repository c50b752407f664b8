import type { Monitor } from '../monitor/monitor.js';
import type { Capability, Feed } from './feed.js';

/** The live poller can do everything but seek: there is no past to go back to. */
const liveCapabilities: ReadonlySet<Capability> = new Set(['pause', 'refresh', 'interval', 'language']);

/** The live poller and its store, as a feed. */
export function liveFeed(monitor: Pick<Monitor, 'store' | 'commands'>): Feed {
  const { store, commands } = monitor;
  return {
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    history: (key) => store.history(key),
    commands,
    capabilities: liveCapabilities,
  };
}
