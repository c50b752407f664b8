import { maskSecrets } from '../secrets.js';
import { ApiError } from './api-error.js';
import { firstHeader, type Reply, requestIdOf } from './transport.js';

/**
 * The longest wait a `Retry-After` can impose. A monitor told to stop for a day (or until 2099) would
 * go dark in an incident; five minutes of backing off is gentle enough.
 */
export const maxRetryAfterMs = 5 * 60_000;

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date, capped; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, maxRetryAfterMs);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, date - nowMs), maxRetryAfterMs);
}

interface ServiceError {
  code: string;
  message: string;
}

/** Both error shapes the APIs use: `{error_code, error_msg}` and `{error: {code, message}}` (IAM's code is a number). */
export function readServiceError(text: string): ServiceError | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!body || typeof body !== 'object') return undefined;
  const flat = body as { error_code?: unknown; error_msg?: unknown; error?: unknown };
  if (typeof flat.error_code === 'string') {
    return { code: flat.error_code, message: typeof flat.error_msg === 'string' ? flat.error_msg : '' };
  }
  // IAM's shape has a numeric code: {"error":{"code":401,"message":"The username or password is wrong."}}.
  const nested = flat.error as { code?: unknown; message?: unknown } | undefined;
  const code = nested && typeof nested === 'object' ? nested.code : undefined;
  if (typeof code === 'string' || (typeof code === 'number' && Number.isInteger(code))) {
    return { code: String(code), message: typeof nested?.message === 'string' ? nested.message : '' };
  }
  return undefined;
}

/**
 * A short, single-line summary of a non-JSON body (an HTML error page's title, or its first words).
 * Secrets are masked before the text is cut, so a cut cannot leave half of one showing.
 */
function summariseText(body: string): string {
  const text = maskSecrets(body);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return plain.length > 80 ? `${plain.slice(0, 80)}…` : plain;
}

function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function errorFromReply(reply: Reply, nowMs = Date.now()): ApiError {
  const requestId = requestIdOf(reply.headers);
  const retryAfterMs = parseRetryAfter(firstHeader(reply.headers, 'retry-after'), nowMs);
  if (reply.status >= 300 && reply.status < 400) {
    return new ApiError({
      status: reply.status,
      code: 'REDIRECT',
      message: `unexpected redirect (HTTP ${reply.status}); not followed`,
      requestId,
      retryable: false,
      retryAfterMs: null,
    });
  }
  const service = readServiceError(reply.text);
  const summary = service?.message || summariseText(reply.text);
  return new ApiError({
    status: reply.status,
    code: service?.code ?? 'HTTP',
    message: summary ? summary : `HTTP ${reply.status}`,
    requestId,
    retryable: isRetryableStatus(reply.status),
    retryAfterMs,
  });
}
