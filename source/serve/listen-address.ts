import { isIP } from 'node:net';
import { quote } from '../config/identifiers.js';
import { UsageError } from '../config/usage-error.js';

/** Where `serve` listens unless told otherwise: this host only, Prometheus' port for exporters of its kind. */
export const defaultListen = '127.0.0.1:9464';

export interface ListenAddress {
  host: string;
  port: number;
  /** Only this machine can connect: no token needed. */
  loopback: boolean;
}

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/**
 * `--listen` as a host and a port: `127.0.0.1:9464`, `[::1]:9464`, `0.0.0.0:9464`, `localhost:0` (any
 * free port). A UsageError names the value when it is not one of these.
 */
export function parseListen(raw: string): ListenAddress {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(raw.trim());
  const host = match ? (match[1] ?? match[2] ?? '') : '';
  const port = match ? Number(match[3]) : Number.NaN;
  const hostOk = match?.[1] !== undefined ? isIP(host) === 6 : isIP(host) === 4 || host === 'localhost';
  if (!match || !hostOk || !(port >= 0 && port <= 65535)) {
    throw new UsageError(
      `--listen must be host:port (an IP address or localhost, then a port 0-65535), got ${quote(raw)}`,
    );
  }
  return { host, port, loopback: isLoopbackHost(host) };
}

/**
 * Listening beyond loopback exposes the fleet's numbers to the network: it takes a token, or the user's
 * explicit word that nobody needs one. Refused before anything is bound.
 */
export function checkExposure(address: ListenAddress, hasToken: boolean, insecure: boolean): void {
  if (address.loopback || hasToken || insecure) return;
  throw new UsageError(
    `--listen ${quote(`${address.host}:${address.port}`)} is reachable from other hosts: give --web-token-file FILE (a bearer token) or --web-insecure`,
  );
}
