// `/api/v1/stream`: Server-Sent Events for attached screens. A client gets the whole state first
// (`event: snapshot`), then one `event: change` per publication of the feed with the instances that
// changed. Every event is serialised once and written to every client. A client that does not read
// is dropped once its unsent bytes pass a bound: the poller never buffers for it without limit.
import type { ServerResponse } from 'node:http';
import type { Feed, MonitorSnapshot } from '../feed/feed.js';
import type { Clock, Timers } from '../time.js';
import { changeDocument, snapshotDocument } from './snapshot-document.js';

export interface StreamOptions {
  clock: Clock;
  timers: Timers;
  /** At most this many clients at once; more are refused with 503. */
  maxClients: number;
  /** Unsent bytes a client may have before it is dropped, beyond the size of one whole snapshot. */
  slackBytes: number;
  /** A comment line this often, so clients (and proxies) see a live connection. */
  heartbeatMs: number;
}

interface Client {
  response: ServerResponse;
  history: boolean;
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class EventStream {
  private readonly clients = new Set<Client>();
  private shown: MonitorSnapshot;
  private lastSnapshotBytes = 0;
  private cached: { snapshot: MonitorSnapshot; text: string } | undefined;
  private readonly unsubscribe: () => void;
  private heartbeat: unknown;
  /** Clients dropped for reading too slowly, for tests and logs. */
  dropped = 0;

  constructor(
    private readonly feed: Feed,
    private readonly options: StreamOptions,
  ) {
    this.shown = feed.getSnapshot();
    this.unsubscribe = feed.subscribe(() => this.publish());
    this.scheduleHeartbeat();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Takes over the response; false (nothing written) when there are already too many clients. */
  attach(response: ServerResponse, history: boolean): boolean {
    if (this.clients.size >= this.options.maxClients) return false;
    const client = { response, history };
    this.clients.add(client);
    response.on('close', () => this.clients.delete(client));
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    // A client sees the state at the time it came; later changes follow from there.
    this.send(client, this.snapshotEvent(history));
    return true;
  }

  private snapshotEvent(history: boolean): string {
    const { feed } = this;
    // Screens that attach together (after a poller restart, all of them) share one serialisation.
    if (!history && this.cached?.snapshot === this.shown) return this.cached.text;
    const text = event(
      'snapshot',
      snapshotDocument(this.shown, this.options.clock, history ? (key) => feed.history(key) : undefined),
    );
    if (!history) {
      this.lastSnapshotBytes = text.length;
      this.cached = { snapshot: this.shown, text };
    }
    return text;
  }

  private publish(): void {
    const next = this.feed.getSnapshot();
    if (next === this.shown) return;
    const before = this.shown;
    this.shown = next;
    if (this.clients.size === 0) return;
    const change = changeDocument(before, next, this.options.clock);
    if (change === null) return;
    // The fleet changed its members: everyone starts again from a whole snapshot.
    if (change === undefined) {
      const plain = this.snapshotEvent(false);
      for (const client of this.clients) this.send(client, client.history ? this.snapshotEvent(true) : plain);
      return;
    }
    const text = event('change', change);
    for (const client of this.clients) this.send(client, text);
  }

  private send(client: Client, text: string): void {
    const { response } = client;
    if (response.destroyed) return;
    if (response.writableLength > this.lastSnapshotBytes + this.options.slackBytes) {
      this.dropped++;
      this.clients.delete(client);
      response.destroy();
      return;
    }
    response.write(text);
  }

  private scheduleHeartbeat(): void {
    this.heartbeat = this.options.timers.set(() => {
      for (const client of this.clients) this.send(client, ': alive\n\n');
      this.scheduleHeartbeat();
    }, this.options.heartbeatMs);
    (this.heartbeat as { unref?: () => void } | undefined)?.unref?.();
  }

  close(): void {
    this.unsubscribe();
    this.options.timers.clear(this.heartbeat);
    for (const client of this.clients) client.response.end();
    this.clients.clear();
  }
}
