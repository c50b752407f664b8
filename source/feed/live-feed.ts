import type { Monitor } from '../monitor/monitor.js';
import type { Capability, Feed } from './feed.js';

/** The live poller can do everything but seek: there is no past to go back to. */
const liveCapabilities: readonly Capability[] = ['pause', 'refresh', 'interval', 'language'];

/** The live poller and its store, as a feed; it drills down when the monitor can open a page. */
export function liveFeed(
  monitor: Pick<Monitor, 'store' | 'commands'> & Partial<Pick<Monitor, 'openDrill'>>,
): Feed {
  const { store, commands, openDrill } = monitor;
  return {
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    history: (key) => store.history(key),
    commands,
    capabilities: new Set<Capability>(openDrill ? [...liveCapabilities, 'drill'] : liveCapabilities),
    ...(openDrill ? { openDrill: (key: string) => openDrill(key) } : {}),
  };
}
