// The instances a recording's events name by number, as they stand at some point of it: a session line
// starts the table afresh, `add` and `remove` change it. Immutable, so seek points share one table
// until the fleet changes (it rarely does).
import type { Metric } from '../metrics.js';
import { metrics } from '../metrics.js';
import type { Thresholds } from '../monitor/severity.js';
import type { RecordedInstance, RecordingEvent } from './recording-events.js';

export interface Fleet {
  instances: ReadonlyMap<number, RecordedInstance>;
  intervalMs: number;
  metricOrder: readonly Metric[];
  /** The thresholds of the session, where it gave them. */
  thresholds: Partial<Thresholds>;
  /** Sessions seen so far: a new one numbers instances afresh. */
  session: number;
  /** Wall time the recorded poller was paused at, while it was; null while it polled. */
  pausedAt: number | null;
}

export const emptyFleet: Fleet = {
  instances: new Map(),
  intervalMs: 0,
  metricOrder: metrics,
  thresholds: {},
  session: 0,
  pausedAt: null,
};

/** The fleet after `event`; the same object when the event does not change it. */
export function nextFleet(fleet: Fleet, event: RecordingEvent): Fleet {
  switch (event.kind) {
    case 'session':
      return {
        instances: new Map(event.instances.map((entry) => [entry.i, entry])),
        intervalMs: event.intervalMs,
        metricOrder: event.metricOrder,
        thresholds: event.thresholds,
        session: fleet.session + 1,
        // A session opens polling; one that opens paused is followed by a status line saying so.
        pausedAt: null,
      };
    case 'add': {
      const instances = new Map(fleet.instances);
      for (const entry of event.instances) instances.set(entry.i, entry);
      return { ...fleet, instances };
    }
    case 'remove': {
      const instances = new Map(fleet.instances);
      for (const index of event.indexes) instances.delete(index);
      return { ...fleet, instances };
    }
    case 'status': {
      const pausedAt = event.paused ? (fleet.pausedAt ?? event.t) : null;
      if (event.intervalMs === fleet.intervalMs && pausedAt === fleet.pausedAt) return fleet;
      return { ...fleet, intervalMs: event.intervalMs, pausedAt };
    }
    default:
      return fleet;
  }
}

/** How a recorded instance is known to the store and the screen (as the live poller keys it). */
export function instanceKey(entry: RecordedInstance): string {
  return `${entry.endpoint} ${entry.projectId} ${entry.instanceId}`;
}
