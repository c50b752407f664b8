// The HTTP face of a feed: /metrics for Prometheus, /api/v1/snapshot and /api/v1/stream for screens,
// /healthz. GET only, no bodies, short URLs and headers, a bounded number of connections and stream
// clients; with a token, every request carries it (compared in constant time).
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Feed } from '../feed/feed.js';
import type { RequestStats } from '../monitor/request-stats.js';
import { maskSecrets } from '../secrets.js';
import type { Clock, Timers } from '../time.js';
import { gzipped, shouldGzip } from './compressed-reply.js';
import { EventStream } from './event-stream.js';
import { ExpositionCache } from './exposition-cache.js';
import { snapshotDocument } from './snapshot-document.js';

export interface WebOptions {
  feed: Feed;
  host: string;
  port: number;
  /** Every request must carry `Authorization: Bearer <token>`; absent: none needed. */
  token?: string | undefined;
  stats?: RequestStats | undefined;
  clock: Clock;
  timers: Timers;
  /** Open connections at once (stream clients included). */
  maxConnections?: number;
  /** Stream clients at once. */
  maxStreamClients?: number;
  /** Unsent bytes a stream client may have beyond one whole snapshot before it is dropped. */
  streamSlackBytes?: number;
  heartbeatMs?: number;
  /** How long a connection may take to send its request headers (an idle or slow one is closed). */
  headersTimeoutMs?: number;
  /** A request that failed inside the server, in one line (never sent to the client). */
  onError?: ((message: string) => void) | undefined;
}

export interface WebServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  port: number;
  stream: EventStream;
  close(): Promise<void>;
}

const maxUrlLength = 2048;
const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries the token; both sides hashed first so the comparison takes constant time. */
function authorised(request: IncomingMessage, expected: Buffer | undefined): boolean {
  if (!expected) return true;
  const header = request.headers.authorization ?? '';
  // The scheme is case-insensitive (RFC 9110 11.1); the token is not.
  const match = /^Bearer ([!-~]+)$/i.exec(header);
  return timingSafeEqual(digest(match?.[1] ?? ''), expected) && match !== null;
}

function reply(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
  encoding?: 'gzip',
) {
  if (response.destroyed) return;
  response.writeHead(status, {
    'content-type': type,
    ...(encoding ? { 'content-encoding': encoding } : {}),
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    // A client without the token gets no keep-alive: it cannot hold a connection slot by asking again.
    ...(status === 401 ? { 'www-authenticate': 'Bearer', connection: 'close' } : {}),
  });
  response.end(body);
}

export async function startWebServer(options: WebOptions): Promise<WebServer> {
  const { feed, clock } = options;
  const expected = options.token === undefined ? undefined : digest(options.token);
  const exposition = new ExpositionCache(feed, clock);
  const stream = new EventStream(feed, {
    clock,
    timers: options.timers,
    maxClients: options.maxStreamClients ?? 200,
    slackBytes: options.streamSlackBytes ?? 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 15_000,
  });
  const metricsType = 'text/plain; version=0.0.4; charset=utf-8';
  const metrics = (request: IncomingMessage, response: ServerResponse) => {
    const body = exposition.render(feed.getSnapshot(), options.stats, clock.monotonic());
    // The body may differ by Accept-Encoding: caches between here and the scraper must know.
    response.setHeader('vary', 'accept-encoding');
    if (!shouldGzip(request)) return reply(response, 200, body, metricsType);
    gzipped(body).then(
      (packed) => reply(response, 200, packed, metricsType, 'gzip'),
      // zlib does not fail on a buffer in memory; should it, the scraper still gets the text.
      () => reply(response, 200, body, metricsType),
    );
  };
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    if (url.length > maxUrlLength) return reply(response, 414, 'URI too long\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return reply(response, 405, 'only GET\n');
    }
    // No route takes a body: one that announces a body is refused before it is read.
    const length = Number(request.headers['content-length'] ?? 0);
    if (request.headers['transfer-encoding'] !== undefined || length > 0)
      return reply(response, 413, 'no request body accepted\n');
    if (!authorised(request, expected)) return reply(response, 401, 'a bearer token is needed\n');
    // A target the URL parser rejects (`http://[`) is the client's mistake, not a reason to throw.
    const target = URL.parse(url, 'http://serve.invalid');
    if (target === null) return reply(response, 400, 'bad request target\n');
    const { pathname, searchParams } = target;
    // A HEAD gets the stream's headers and nothing else: it must not hold a stream client's slot.
    if (request.method === 'HEAD' && pathname === '/api/v1/stream') {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
      });
      return response.end();
    }
    switch (pathname) {
      case '/metrics':
        return metrics(request, response);
      case '/api/v1/snapshot':
        return reply(
          response,
          200,
          `${JSON.stringify(snapshotDocument(feed.getSnapshot(), clock))}\n`,
          'application/json; charset=utf-8',
        );
      case '/api/v1/stream':
        if (!stream.attach(response, searchParams.get('history') === '1'))
          return reply(response, 503, 'too many stream clients\n');
        return;
      case '/healthz':
        return reply(response, 200, 'ok\n');
      default:
        return reply(response, 404, 'not found\n');
    }
  };
  const onError =
    options.onError ??
    ((message: string) => process.stderr.write(`gaussdb-top: web request failed: ${message}\n`));
  // Whatever a request does, it must not end the poller every screen depends on.
  const guarded = (request: IncomingMessage, response: ServerResponse) => {
    // The request came: the silent-connection limit below no longer applies (a stream stays open).
    request.socket.setTimeout(0);
    try {
      handle(request, response);
    } catch (error) {
      onError(maskSecrets(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '');
      if (!response.headersSent) reply(response, 500, 'internal error\n');
      else response.destroy();
    }
  };
  const headersTimeout = options.headersTimeoutMs ?? 5_000;
  const server: Server = createServer(
    {
      maxHeaderSize: 8 * 1024,
      // Headers within a few seconds, checked every second (Node's default check is every 30 s): a
      // client that connects and sends nothing cannot squat on one of the connection slots for long.
      headersTimeout,
      requestTimeout: 2 * headersTimeout,
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
      keepAliveTimeout: 5_000,
    },
    guarded,
  );
  // Node times headers out only once their first byte came: a connection that sends nothing at all
  // is closed after the same time, or silent clients could hold every slot.
  server.on('connection', (socket: Socket) => socket.setTimeout(headersTimeout));
  server.maxConnections = options.maxConnections ?? 256;
  server.maxRequestsPerSocket = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    stream,
    close: () =>
      new Promise<void>((resolve) => {
        stream.close();
        exposition.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
