import type { Feed, InstanceView, MonitorSnapshot } from '../feed/feed.js';
import type { InstanceError } from '../monitor/snapshot.js';
import type { Clock } from '../time.js';
import { version } from '../version.js';
import {
  addedLine,
  answerLine,
  errorLine,
  type RecordedTarget,
  removedLine,
  type SessionInfo,
  sessionLine,
  statusLine,
} from './format.js';

export interface RecorderOptions {
  clock: Clock;
  thresholds: SessionInfo['thresholds'];
  targets: readonly RecordedTarget[];
}

/** A line to write, and the monotonic time of what it tells. */
interface Line {
  at: number;
  text: string;
}

/** What was last written of one instance. */
interface Seen {
  sampleAt: number | null;
  successes: number;
  failures: number;
  error: InstanceError | null;
}

/**
 * Turns a feed's snapshots into recording lines: every answer and every error as it is published, the
 * fleet's changes, and pauses and interval changes. A view of the feed like the screen: it works the
 * same on any source. Answers the store coalesced into one publication are found in the instance's
 * history (its `successes` count says how many), so none is lost; lines go to `write` as they come.
 */
export class SnapshotRecorder {
  private indexes = new Map<string, number>();
  private nextIndex = 0;
  private readonly seen = new Map<string, Seen>();
  private shownInstances: readonly InstanceView[] | null = null;
  private status: { paused: boolean; intervalMs: number } | null = null;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly feed: Pick<Feed, 'subscribe' | 'getSnapshot' | 'history'>,
    private readonly options: RecorderOptions,
    private readonly write: (line: string) => void,
  ) {}

  /** Reads what the feed holds now, then every publication after it. */
  start(): void {
    this.observe(this.feed.getSnapshot());
    this.unsubscribe ??= this.feed.subscribe(() => this.observe(this.feed.getSnapshot()));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /**
   * The line that opens a session (and a status line after it while paused); instances are numbered
   * afresh from here, in the feed's order.
   */
  sessionLine(): string {
    const snapshot = this.feed.getSnapshot();
    this.indexes = new Map(snapshot.instances.map((view, index) => [view.key, index]));
    this.nextIndex = snapshot.instances.length;
    this.shownInstances = snapshot.instances;
    this.status = { paused: snapshot.status.paused, intervalMs: snapshot.status.intervalMs };
    const wallAt = this.options.clock.wall();
    const session = sessionLine({
      version,
      wallAt,
      intervalMs: snapshot.status.intervalMs,
      thresholds: this.options.thresholds,
      targets: this.options.targets,
      instances: snapshot.instances,
    });
    // A session is read as polling: one that opens while the poller is paused says so at once.
    return snapshot.status.paused ? session + statusLine(wallAt, snapshot.status) : session;
  }

  private observe(snapshot: MonitorSnapshot): void {
    const wall = this.options.clock.wall();
    if (snapshot.instances !== this.shownInstances) this.fleetChanged(snapshot.instances, wall);
    const { paused, intervalMs } = snapshot.status;
    if (this.status && (this.status.paused !== paused || this.status.intervalMs !== intervalMs))
      this.write(statusLine(wall, snapshot.status));
    this.status = { paused, intervalMs };
    const lines: Line[] = [];
    for (const view of snapshot.instances) this.instanceChanged(view, lines);
    // One publication may hold several answers and errors: written in the order they happened.
    lines.sort((a, b) => a.at - b.at);
    for (const { text } of lines) this.write(text);
  }

  private fleetChanged(instances: readonly InstanceView[], wall: number): void {
    this.shownInstances = instances;
    const keys = new Set(instances.map((view) => view.key));
    const removed = [...this.indexes].filter(([key]) => !keys.has(key));
    for (const [key] of removed) {
      this.indexes.delete(key);
      this.seen.delete(key);
    }
    if (removed.length)
      this.write(
        removedLine(
          wall,
          removed.map(([, index]) => index),
        ),
      );
    const added = instances
      .filter((view) => !this.indexes.has(view.key))
      .map((view) => ({ index: this.nextIndex++, identity: view }));
    for (const { index, identity } of added) this.indexes.set(identity.key, index);
    if (added.length) this.write(addedLine(wall, added));
  }

  private instanceChanged(view: InstanceView, lines: Line[]): void {
    const seen = this.seen.get(view.key);
    const newAnswer = view.latest !== null && view.latest.at !== seen?.sampleAt;
    const newError = view.error !== null && view.error !== seen?.error;
    if (!newAnswer && !newError) return;
    this.seen.set(view.key, {
      sampleAt: view.latest?.at ?? null,
      successes: view.successes,
      failures: view.failures,
      error: view.error,
    });
    const index = this.indexes.get(view.key);
    if (index === undefined) return;
    if (newAnswer && view.latest) {
      if (seen?.sampleAt != null && view.successes - seen.successes > 1) {
        const after = seen.sampleAt;
        const before = view.latest.at;
        for (const sample of this.feed.history(view.key))
          if (sample.at > after && sample.at < before)
            lines.push({ at: sample.at, text: answerLine(sample.wallAt, index, sample.overview, null) });
      }
      const latency = view.error && view.error.at > view.latest.at ? null : view.latencyMs;
      lines.push({
        at: view.latest.at,
        text: answerLine(view.latest.wallAt, index, view.latest.overview, latency),
      });
    }
    if (newError && view.error) {
      // Not asked (its credentials rest): no request, so no latency of its own.
      const asked = view.failures > (seen?.failures ?? 0);
      const clock = this.options.clock;
      const wallAt = clock.wall() - (clock.monotonic() - view.error.at);
      lines.push({
        at: view.error.at,
        text: errorLine(wallAt, index, view.error, asked ? view.latencyMs : null),
      });
    }
  }
}
