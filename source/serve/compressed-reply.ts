// Prometheus asks for gzip (Accept-Encoding: gzip) and /metrics is ~13 MB of repetitive text at
// 10,000 instances: compressed it is a small fraction of that on the wire, and zlib's asynchronous API
// compresses on libuv's thread pool, not on the loop the poller shares (bench/README.md §10).
import type { IncomingMessage } from 'node:http';
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
