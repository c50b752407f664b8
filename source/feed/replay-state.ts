// A recording's events applied to a MonitorStore with the live poller's effect: the same levels,
// history, trend and ages, so the screen cannot tell a replay from the live grid except by the header.
// Events go into compact per-instance state (replay-tracks.ts); the store takes what changed, one step
// per instance, when a moment is shown: a jump reads a quarter of an hour of a large fleet in one go.
import type { Language } from '../language.js';
import { defaultThresholds, type Thresholds } from '../monitor/severity.js';
import type { InstanceIdentity, PollerStatus } from '../monitor/snapshot.js';
import { MonitorStore } from '../monitor/store.js';
import type { EventCursor } from '../record/event-cursor.js';
import type { Fleet } from '../record/recording-fleet.js';
import { type Clock, noTimers } from '../time.js';
import { FleetTracks } from './replay-tracks.js';

/** A clock that shows the time of the event being applied, or the replayed moment. */
export class ReplayClock implements Clock {
  constructor(private at: number) {}
  set(at: number): void {
    this.at = at;
  }
  monotonic(): number {
    return this.at;
  }
  wall(): number {
    return this.at;
  }
}

/** The thresholds the recording names, the defaults for any it does not. */
export function recordedThresholds(fleet: Fleet): Thresholds {
  return { ...defaultThresholds, ...fleet.thresholds };
}

/** The state of a recording at one moment, built by reading its events in order from a seek point. */
export class ReplayState {
  readonly store: MonitorStore;
  private readonly tracks: FleetTracks;

  /**
   * Starts empty at the seek point whose fleet is `fleet`; the clock says the seek point's time.
   * `replacing`: the state this one replaces (a jump), whose memory it takes over.
   */
  constructor(
    fleet: Fleet,
    readonly clock: ReplayClock,
    language: Language,
    thresholds: Thresholds,
    replacing?: ReplayState,
  ) {
    const onFleet = (identities: InstanceIdentity[]) => {
      // Rare (rediscovery, a new session): the store follows at once, as it follows the live poller.
      this.store.setInstances(identities);
      this.followStatus();
    };
    this.tracks = new FleetTracks(fleet, thresholds, onFleet, replacing?.tracks.recycle());
    this.store = new MonitorStore(this.tracks.identities(), {
      clock,
      thresholds,
      language,
      // Published by hand (`publish`), once per step of the replay.
      timers: noTimers,
      status: replayStatus(fleet),
    });
  }

  private followStatus(): void {
    const { fleet } = this.tracks;
    const { status } = this.store.getSnapshot();
    if (fleet.intervalMs !== status.intervalMs || fleet.pausedAt !== status.recordedPauseAt)
      this.store.setStatus({ intervalMs: fleet.intervalMs, recordedPauseAt: fleet.pausedAt });
  }

  /** Reads every event from `cursor` up to `until` (see EventCursor.visitUntil). */
  readUntil(cursor: EventCursor, until: number): Promise<boolean> {
    return cursor.visitUntil(until, this.tracks);
  }

  /** Shows what was read, at the replayed moment `at`. */
  publish(at: number): void {
    this.followStatus();
    this.store.restore(this.tracks.takeChanges(), this.tracks.lastChangeWall);
    this.clock.set(at);
    this.store.flush();
  }
}

/** The poller's status as a replay starts it, from the recorded fleet. */
export function replayStatus(fleet: Fleet): PollerStatus {
  return {
    paused: false,
    intervalMs: fleet.intervalMs,
    // The recording does not say how fast it was allowed to ask: never shown as throttled.
    configuredRate: Number.POSITIVE_INFINITY,
    effectiveRate: Number.POSITIVE_INFINITY,
    throttledUntil: null,
    credentials: [],
    discovery: [],
    recordedPauseAt: fleet.pausedAt,
  };
}
