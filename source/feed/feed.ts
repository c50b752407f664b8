// The seam between where numbers come from and what shows them. The live poller is one source; a
// replay of a recording, a remote poller and a Prometheus query are others. Every view (the screen,
// --once's table and JSON, later the recorder and `serve`) reads a Feed and nothing else.
import type { DrillSource } from '../drill/source.js';
import type { MonitorCommands } from '../monitor/monitor.js';
import type { MonitorSnapshot, Sample } from '../monitor/store.js';
import type { ReplayControl } from './replay-control.js';

export type { InstanceView, MonitorSnapshot, Sample } from '../monitor/store.js';

/**
 * What a feed can do besides giving snapshots. A view offers only what its feed declares: a replay
 * cannot change the polling interval, a remote feed cannot pause the poller it shares with others.
 */
export type Capability = 'pause' | 'refresh' | 'interval' | 'language' | 'seek' | 'drill';

/**
 * The commands a feed accepts, each under a capability: togglePause (`pause`), refreshNow (`refresh`),
 * setLanguage (`language`), stepInterval (`interval`); `seek`'s moves are the feed's `replay`.
 * A command whose capability the feed does not declare does nothing.
 */
export type FeedCommands = MonitorCommands;

export interface Feed {
  /** Fit for React's useSyncExternalStore: `listener` is called after every published change. */
  subscribe(listener: () => void): () => void;
  /** The latest snapshot; the same object until something changes. */
  getSnapshot(): MonitorSnapshot;
  /** The history of one instance, oldest first (empty for an unknown key). */
  history(key: string): readonly Sample[];
  readonly commands: FeedCommands;
  readonly capabilities: ReadonlySet<Capability>;
  /** Opens the drill-down page's data for one instance; present exactly when `drill` is declared. */
  openDrill?(key: string): DrillSource;
  /** Moves through a recording; present exactly when `seek` is declared. */
  readonly replay?: ReplayControl;
}

/** Commands for a feed that accepts none. */
export const noCommands: FeedCommands = {
  togglePause: () => undefined,
  refreshNow: () => undefined,
  setLanguage: () => undefined,
  stepInterval: () => undefined,
};
