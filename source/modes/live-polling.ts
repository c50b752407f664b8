import type { Settings } from '../config/settings.js';
import type { Connection } from '../connect.js';
import type { Feed } from '../feed/feed.js';
import { liveFeed } from '../feed/live-feed.js';
import type { KillAudit } from '../monitor/kill-log.js';
import { createMonitor, type Monitor } from '../monitor/monitor.js';
import { type Recording, startRecording } from '../record/recording.js';
import type { ResolvedJobs } from '../resolve-jobs.js';
import { systemClock, systemTimers } from '../time.js';
import { watchFleet } from './fleet-watch.js';

/** The live poller as every long-running mode uses it: the monitor, its feed, rediscovery, --record. */
export interface LivePolling {
  monitor: Monitor;
  feed: Feed;
  recording: Recording | undefined;
  /** Stops polling and rediscovery, and writes what the recording still holds. */
  stop(): Promise<void>;
}

/**
 * Builds the monitor over the listed jobs (not yet started: callers start it when their view is ready
 * to read it), watches the fleet for rediscovery, and starts the recording from the first answer on.
 */
export function startLivePolling(
  settings: Settings,
  connection: Connection,
  resolved: ResolvedJobs,
  killAudit?: KillAudit,
): LivePolling {
  const monitor = createMonitor({
    ...settings,
    jobs: resolved.jobs,
    gates: connection.gates,
    clock: systemClock,
    timers: systemTimers,
    killAudit,
  });
  // A listing that failed is retried while the view is up (DISCOVERY FAILED in the header), not fatal.
  const rediscovery = watchFleet(monitor, connection.jobs, resolved.failures, settings);
  const feed = liveFeed(monitor);
  // From the first answer on: the recorder reads the feed as the view will.
  const recording = settings.record
    ? startRecording({ ...settings, feed, target: settings.record, clock: systemClock, timers: systemTimers })
    : undefined;
  return {
    monitor,
    feed,
    recording,
    async stop() {
      rediscovery?.stop();
      monitor.stop();
      // What is buffered reaches the file before the process ends.
      await recording?.stop();
    },
  };
}
