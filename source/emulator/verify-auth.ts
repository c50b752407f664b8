import type { IncomingMessage } from 'node:http';
import { parseAuthorization, signature } from '../cloud/signer.js';

export interface AcceptedCredentials {
  /** A ready token that is always accepted (unless revoked). */
  token?: string | undefined;
  accessKey?: string | undefined;
  secretKey?: string | undefined;
}

export type AuthVerdict = { ok: true; scheme: 'token' | 'aksk' } | { ok: false; reason: string };

/** The gateway allows this much skew between `X-Sdk-Date` and its own clock. */
const maxSkewMs = 15 * 60_000;

function parseSdkDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return Number.NaN;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
}

/** Checks an AK/SK signature the way the gateway does: recompute it from the headers it names. */
function verifySignature(
  request: IncomingMessage,
  body: string,
  accepted: AcceptedCredentials,
  nowMs: number,
): AuthVerdict {
  const parsed = parseAuthorization(String(request.headers.authorization));
  if (!parsed) return { ok: false, reason: 'malformed Authorization header' };
  if (!accepted.accessKey || parsed.accessKey !== accepted.accessKey || !accepted.secretKey) {
    return { ok: false, reason: 'unknown access key' };
  }
  if (!parsed.signedHeaders.includes('host') || !parsed.signedHeaders.includes('x-sdk-date')) {
    return { ok: false, reason: 'host and x-sdk-date must be signed' };
  }
  const sdkDate = parseSdkDate(String(request.headers['x-sdk-date'] ?? ''));
  if (!(Math.abs(nowMs - sdkDate) <= maxSkewMs)) return { ok: false, reason: 'X-Sdk-Date out of range' };
  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return { ok: false, reason: `signed header ${name} missing` };
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
  const expected = signature(accepted.secretKey, { method: request.method ?? 'GET', url, headers, body });
  return expected === parsed.signature
    ? { ok: true, scheme: 'aksk' }
    : { ok: false, reason: 'signature mismatch' };
}

export function verifyRequest(
  request: IncomingMessage,
  body: string,
  accepted: AcceptedCredentials,
  isIssuedToken: (token: string) => boolean,
  nowMs: number,
): AuthVerdict {
  if (request.headers.authorization) return verifySignature(request, body, accepted, nowMs);
  const token = request.headers['x-auth-token'];
  if (typeof token !== 'string' || token === '') return { ok: false, reason: 'x-auth-token not found' };
  if (token === accepted.token || isIssuedToken(token)) return { ok: true, scheme: 'token' };
  return { ok: false, reason: 'token expires' };
}
