import { ApiError, toApiError } from '../cloud/api-error.js';
import type { DrillCalls } from '../cloud/drill-client.js';
import { defaultNodeIndex } from '../cloud/drill-parse-nodes.js';
import type { DrillPart, DrillSnapshot, DrillSource, DrillTab } from '../drill/source.js';
import type { ExecNode, KillResult } from '../drill/types.js';
import type { Clock, Timers } from '../time.js';
import { backoffMs } from './backoff.js';
import type { RequestShare } from './budget-share.js';
import { killSessions } from './drill-kill.js';
import {
  emptyPart,
  fetchPart,
  initialSnapshot,
  type PartName,
  partOfTab,
  withData,
  withError,
  withLoading,
} from './drill-parts.js';
import type { KillAudit } from './kill-log.js';

/** The grid's pause and interval, which the page follows. */
export interface GridStatusView {
  subscribe(listener: () => void): () => void;
  status(): { paused: boolean; intervalMs: number };
}

export interface DrillPollerOptions {
  /** The instance's key in the grid. */
  key: string;
  instanceId: string;
  calls: DrillCalls;
  clock: Clock;
  timers: Timers;
  grid: GridStatusView;
  /** The drill-down's part of the grid's request budget. */
  share: RequestShare;
  /** The user opted in for this instance (`--allow-kill`, `allow_kill`); without an audit, never. */
  allowKill: boolean;
  audit: KillAudit | undefined;
  random?: () => number;
  /** Told once when the page closes (the monitor forgets it). */
  onClose?: () => void;
}

/** The page closed or paused while a request waited for its token: not a failure. */
class Stopped extends Error {}

/**
 * The drill-down's data for one instance: the node list first, then only the visible tab's call(s),
 * each at the grid's interval, while the page is open and the grid is not paused. Every request takes
 * a token of the shared budget. `close()` stops everything, timers included.
 */
export class DrillPoller implements DrillSource {
  private snapshot: DrillSnapshot;
  private readonly listeners = new Set<() => void>();
  private tab: DrillTab = 'sessions';
  private readonly due = new Map<PartName, number>();
  private readonly lastStarted = new Map<PartName, number>();
  private readonly failures = new Map<PartName, number>();
  private readonly inFlight = new Set<PartName>();
  private readonly waiting = new Set<{ handle: unknown; reject: (error: Error) => void }>();
  private readonly abandon = new AbortController();
  private readonly unsubscribeGrid: () => void;
  private timer: unknown = null;
  private closed = false;
  private intervalMs: number;
  /** Changes with the node: an answer for the node before is not shown for the node after. */
  private nodeGeneration = 0;

  constructor(private readonly options: DrillPollerOptions) {
    const status = options.grid.status();
    this.intervalMs = status.intervalMs;
    const canKill = options.allowKill && options.audit !== undefined;
    this.snapshot = initialSnapshot(options.key, canKill, status.paused);
    this.unsubscribeGrid = options.grid.subscribe(() => this.onGridChange());
    this.pump();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DrillSnapshot => this.snapshot;

  setTab(tab: DrillTab): void {
    if (tab === this.tab) return;
    this.tab = tab;
    this.pump();
  }

  nextNode(): void {
    const nodes = this.snapshot.nodes.data;
    if (!nodes || nodes.length < 2) return;
    this.nodeGeneration++;
    this.failures.delete('sessions');
    this.due.set('sessions', this.now());
    this.update({ nodeIndex: (this.snapshot.nodeIndex + 1) % nodes.length, sessions: emptyPart() });
    this.pump();
  }

  refreshNow(): void {
    this.due.set(this.currentPart(), this.now());
    this.pump();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearTimer();
    this.unsubscribeGrid();
    this.abandon.abort(new Stopped('the page closed'));
    for (const wait of this.waiting) {
      this.options.timers.clear(wait.handle);
      wait.reject(new Stopped('the page closed'));
    }
    this.waiting.clear();
    this.options.onClose?.();
  }

  kill(sessionIds: readonly string[]): Promise<KillResult> {
    const { audit, calls, instanceId, share } = this.options;
    const listed = this.snapshot.sessions.data?.sessions;
    return killSessions(
      {
        instanceId,
        node: this.currentNode(),
        allowed: this.snapshot.canKill,
        audit,
        calls,
        share,
        sqlOf: (id) => listed?.find((session) => session.session_id === id)?.query ?? null,
        // The list is asked again at once, whatever the log says.
        sent: () => this.refreshSessions(),
      },
      sessionIds,
    );
  }

  private refreshSessions(): void {
    this.due.set('sessions', this.now());
    this.pump();
  }

  private now(): number {
    return this.options.clock.monotonic();
  }

  private currentNode(): ExecNode | undefined {
    return this.snapshot.nodes.data?.[this.snapshot.nodeIndex];
  }

  /** The node list until it is known, then the visible tab's part. */
  private currentPart(): PartName {
    return this.snapshot.nodes.data === null ? 'nodes' : partOfTab(this.tab);
  }

  private update(change: Partial<DrillSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }

  private part(part: PartName): DrillPart<unknown> {
    return this.snapshot[part] as DrillPart<unknown>;
  }

  private setPart(part: PartName, value: DrillPart<unknown>): void {
    this.update({ [part]: value } as Partial<DrillSnapshot>);
  }

  private onGridChange(): void {
    if (this.closed) return;
    const { paused, intervalMs } = this.options.grid.status();
    if (intervalMs !== this.intervalMs) {
      this.intervalMs = intervalMs;
      // A new interval applies at once to parts that are not backing off after errors.
      for (const [part, started] of this.lastStarted) {
        if (!this.failures.get(part)) this.due.set(part, started + intervalMs);
      }
    }
    if (paused !== this.snapshot.paused) this.update({ paused });
    this.pump();
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.timers.clear(this.timer);
    this.timer = null;
  }

  /** Starts the current part when it is due, or sleeps until it is. */
  private pump(): void {
    this.clearTimer();
    if (this.closed || this.snapshot.paused) return;
    const part = this.currentPart();
    if (this.inFlight.has(part)) return;
    const now = this.now();
    const due = this.due.get(part) ?? now;
    if (due > now) {
      this.timer = this.options.timers.set(() => this.pump(), due - now);
      return;
    }
    this.start(part, now);
  }

  private start(part: PartName, startedAt: number): void {
    const { calls, instanceId } = this.options;
    const generation = this.nodeGeneration;
    this.inFlight.add(part);
    this.lastStarted.set(part, startedAt);
    this.setPart(part, withLoading(this.part(part), true));
    const node = this.currentNode();
    const request =
      part === 'sessions' && !node
        ? Promise.reject(noNode())
        : fetchPart(part, calls, instanceId, node, () => this.take(), this.abandon.signal);
    request.then(
      (data) => this.settle(part, () => this.onSuccess(part, data, generation, startedAt)),
      (error: unknown) => this.settle(part, () => this.onFailure(part, error, generation)),
    );
  }

  private settle(part: PartName, record: () => void): void {
    if (this.closed) return;
    this.inFlight.delete(part);
    record();
    this.pump();
  }

  private onSuccess(part: PartName, data: unknown, generation: number, startedAt: number): void {
    if (part === 'sessions' && generation !== this.nodeGeneration) {
      this.update({ sessions: withLoading(this.snapshot.sessions, false) });
      return;
    }
    this.failures.delete(part);
    this.due.set(part, startedAt + this.intervalMs);
    const answered = withData(data, this.now());
    if (part === 'nodes') {
      const nodes = data as ExecNode[];
      this.update({ nodes: answered as DrillSnapshot['nodes'], nodeIndex: defaultNodeIndex(nodes) });
    } else this.setPart(part, answered);
  }

  private onFailure(part: PartName, error: unknown, generation: number): void {
    const now = this.now();
    if (error instanceof Stopped || (part === 'sessions' && generation !== this.nodeGeneration)) {
      this.setPart(part, withLoading(this.part(part), false));
      return;
    }
    const failure = toApiError(error);
    if (failure.status === 429) {
      // The page holds back (the grid does not) and says why, as a row says THROTTLED.
      this.options.share.throttle(failure.retryAfterMs);
      this.due.set(part, now + Math.max(this.options.share.waitMs(), 1000));
      this.setPart(part, withError(this.part(part), failure));
      return;
    }
    const failures = (this.failures.get(part) ?? 0) + 1;
    this.failures.set(part, failures);
    this.due.set(part, now + backoffMs(failures, this.intervalMs, (this.options.random ?? Math.random)()));
    this.setPart(part, withError(this.part(part), failure));
  }

  /** One request's token of the shared budget; gives up when the page closes or the grid pauses. */
  private async take(): Promise<void> {
    for (;;) {
      if (this.closed || this.snapshot.paused) throw new Stopped('not now');
      if (this.options.share.tryTake()) return;
      await new Promise<void>((resolve, reject) => {
        const wait = {
          handle: this.options.timers.set(
            () => {
              this.waiting.delete(wait);
              resolve();
            },
            Math.max(1, this.options.share.waitMs()),
          ),
          reject,
        };
        this.waiting.add(wait);
      });
    }
  }
}

function noNode(): ApiError {
  return new ApiError({
    status: null,
    code: 'NO_NODE',
    message: 'the instance lists no node with sessions',
    requestId: null,
    retryable: true,
    retryAfterMs: null,
  });
}
