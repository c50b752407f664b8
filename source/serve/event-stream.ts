// `/api/v1/stream`: Server-Sent Events for attached screens. A client gets the whole state first
// (`event: snapshot`), then one `event: change` per publication of the feed with the instances that
// changed. Every event is serialised once and written to every client. A client that does not read
// is dropped once its unsent bytes pass a bound (the snapshot it was sent plus some slack): the poller
// never buffers for it without limit. Events are written as bytes so the bound counts bytes.
import type { ServerResponse } from 'node:http';
import type { Feed, MonitorSnapshot } from '../feed/feed.js';
import type { Clock, Timers } from '../time.js';
import { changeDocument, snapshotDocument } from './snapshot-document.js';

export interface StreamOptions {
  clock: Clock;
  timers: Timers;
  /** At most this many clients at once; more are refused with 503. */
  maxClients: number;
  /** Unsent bytes a client may have before it is dropped, beyond the size of the snapshot it was sent. */
  slackBytes: number;
  /** A comment line this often, so clients (and proxies) see a live connection. */
  heartbeatMs: number;
}

interface Client {
  response: ServerResponse;
  history: boolean;
  /** Bytes of the last snapshot it was sent (with history, the big one): it may be that far behind. */
  snapshotBytes: number;
}

function event(name: string, data: unknown): Buffer {
  return Buffer.from(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
}

const heartbeatEvent = Buffer.from(': alive\n\n');

export class EventStream {
  private readonly clients = new Set<Client>();
  private shown: MonitorSnapshot;
  /** The last snapshot serialised, plain and with history: screens that attach together share it. */
  private readonly cached: { snapshot: MonitorSnapshot; bytes: Buffer }[] = [];
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
    const client: Client = { response, history, snapshotBytes: 0 };
    this.clients.add(client);
    response.on('close', () => this.clients.delete(client));
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    // A client sees the state at the time it came; later changes follow from there.
    this.sendSnapshot(client);
    return true;
  }

  private snapshotEvent(history: boolean): Buffer {
    const { feed } = this;
    const slot = history ? 1 : 0;
    // Screens that attach together (after a poller restart, all of them) share one serialisation.
    const cached = this.cached[slot];
    if (cached?.snapshot === this.shown) return cached.bytes;
    const bytes = event(
      'snapshot',
      snapshotDocument(this.shown, this.options.clock, history ? (key) => feed.history(key) : undefined),
    );
    this.cached[slot] = { snapshot: this.shown, bytes };
    return bytes;
  }

  /** A whole snapshot; from then on the client may be that many bytes (plus the slack) behind. */
  private sendSnapshot(client: Client): void {
    const bytes = this.snapshotEvent(client.history);
    if (this.send(client, bytes)) client.snapshotBytes = bytes.length;
  }

  private publish(): void {
    const next = this.feed.getSnapshot();
    if (next === this.shown) return;
    const before = this.shown;
    this.shown = next;
    // A snapshot with history can be tens of MB: not kept once it is out of date.
    this.cached.length = 0;
    if (this.clients.size === 0) return;
    const change = changeDocument(before, next, this.options.clock);
    if (change === null) return;
    // The fleet changed its members: everyone starts again from a whole snapshot.
    if (change === undefined) {
      for (const client of this.clients) this.sendSnapshot(client);
      return;
    }
    const text = event('change', change);
    for (const client of this.clients) this.send(client, text);
  }

  /** Writes `bytes` unless the client is too far behind (then it is dropped); whether it was written. */
  private send(client: Client, bytes: Buffer): boolean {
    const { response } = client;
    if (response.destroyed) return false;
    if (response.writableLength > client.snapshotBytes + this.options.slackBytes) {
      this.dropped++;
      this.clients.delete(client);
      response.destroy();
      return false;
    }
    response.write(bytes);
    return true;
  }

  private scheduleHeartbeat(): void {
    this.heartbeat = this.options.timers.set(() => {
      for (const client of this.clients) this.send(client, heartbeatEvent);
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
