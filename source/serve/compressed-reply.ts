// Prometheus asks for gzip (Accept-Encoding: gzip) and /metrics is ~13 MB of repetitive text at
// 10,000 instances: gzipped it is ~1.8 MB, which over a network saves more time than compressing
// costs (13 MB take ~0.1 s at 1 Gbit/s, ~1 s at 100 Mbit/s). Over loopback moving bytes is a copy:
// there compressing and unpacking only add time (bench/README.md §10), so a scraper on this host
// gets the text as it is. zlib's asynchronous API compresses on libuv's thread pool, off the loop.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { constants, gzip } from 'node:zlib';

/** Whether the request accepts gzip: listed as `gzip` (or `*`) without `q=0` (RFC 9110, 12.5.3). */
export function acceptsGzip(request: IncomingMessage): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  let gzipQ: number | undefined;
  let anyQ: number | undefined;
  for (const part of header.split(',')) {
    const [token = '', ...parameters] = part.split(';').map((text) => text.trim().toLowerCase());
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (token === 'gzip') gzipQ = weight;
    else if (token === '*') anyQ = weight;
  }
  const weight = gzipQ ?? anyQ ?? 0;
  return Number.isFinite(weight) && weight > 0;
}

/** Whether the peer is on this host: 127.0.0.0/8, ::1, or IPv4 loopback mapped into IPv6. */
export function loopbackPeer(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/** gzip for a scraper that accepts it, unless it sits on this host. */
export function shouldGzip(request: IncomingMessage): boolean {
  return acceptsGzip(request) && !loopbackPeer(request.socket.remoteAddress);
}

/**
 * `body` gzipped off the loop. Level 1: most of the size for a fraction of the default's CPU. zlib
 * hands each `chunkSize` of output back to the loop before it goes on: with the default 16 KiB that
 * was over a hundred turns of a busy loop per scrape; a quarter of the input is one or two.
 */
export function gzipped(body: Buffer): Promise<Buffer> {
  const chunkSize = Math.max(constants.Z_DEFAULT_CHUNK, Math.ceil(body.length / 4));
  return new Promise((resolve, reject) =>
    gzip(body, { level: constants.Z_BEST_SPEED, chunkSize }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}
