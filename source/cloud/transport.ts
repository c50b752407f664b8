import { type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import { ApiError } from './api-error.js';

export interface TransportOptions {
  /** Per-request deadline for the whole exchange, body included. */
  timeoutMs: number;
  /** Connections per origin; the poller's concurrency cap. */
  connections: number;
  /** Name resolution, replaceable so tests can make DNS fail without a network. */
  lookup?: typeof import('node:dns').lookup;
}

/**
 * One keep-alive dispatcher for every request. It honours HTTPS_PROXY, HTTP_PROXY and NO_PROXY
 * (bastion hosts often need a proxy) and always verifies TLS; NODE_EXTRA_CA_CERTS adds trusted CAs.
 */
export function createDispatcher({ timeoutMs, connections, lookup }: TransportOptions): Dispatcher {
  return new EnvHttpProxyAgent({
    connections,
    keepAliveTimeout: 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: lookup ? { timeout: timeoutMs, lookup } : { timeout: timeoutMs },
  });
}

export interface Exchange {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Larger bodies are cut off and reported as TOO_LARGE. */
  maxBytes: number;
  signal?: AbortSignal | undefined;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const tlsCodes = /^(?:ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH)/;

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function localError(code: 'TIMEOUT' | 'NETWORK' | 'TLS', message: string): ApiError {
  return new ApiError({ status: null, code, message, requestId: null, retryable: true, retryAfterMs: null });
}

/** Turns whatever undici or the socket threw into an {@link ApiError} that names what happened. */
export function transportError(error: unknown, timeoutMs: number, host: string): ApiError {
  if (error instanceof ApiError) return error;
  const code = errorCode(error) ?? '';
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (name === 'TimeoutError' || /TIMEOUT/.test(code)) {
    return localError('TIMEOUT', `no answer from ${host} within ${timeoutMs / 1000} s`);
  }
  if (tlsCodes.test(code)) return localError('TLS', `TLS failure with ${host} (${code})`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return localError('NETWORK', `cannot resolve ${host} (${code})`);
  if (code === 'ECONNREFUSED') return localError('NETWORK', `connection refused by ${host}`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return localError('NETWORK', `connection to ${host} was reset`);
  }
  const detail = code || (error instanceof Error ? error.message : String(error));
  return localError('NETWORK', `request to ${host} failed (${detail})`);
}

async function readLimited(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(status: number, maxBytes: number, requestId: string | null): ApiError {
  return new ApiError({
    status,
    code: 'TOO_LARGE',
    message: `response larger than ${Math.round(maxBytes / 1024)} KiB`,
    requestId,
    retryable: true,
    retryAfterMs: null,
  });
}

export function firstHeader(headers: Reply['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Sends one request and reads the whole (bounded) body; never follows redirects. */
export async function exchange(dispatcher: Dispatcher, call: Exchange): Promise<Reply> {
  // One controller per request, its deadline timer cleared as soon as the exchange ends.
  // (AbortSignal.timeout would keep every request's signal and timer alive for the full timeout:
  // at thousands of requests a second that is tens of thousands of live objects.)
  const controller = new AbortController();
  if (call.signal?.aborted) controller.abort(call.signal.reason);
  let timedOut = false;
  const deadline = setTimeout(() => {
    if (controller.signal.aborted) return;
    timedOut = true;
    controller.abort(new DOMException('request timed out', 'TimeoutError'));
  }, call.timeoutMs);
  const forwardAbort = () => controller.abort(call.signal?.reason);
  call.signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    const response = await request(call.url, {
      dispatcher,
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: controller.signal,
    });
    const requestId = firstHeader(response.headers, 'x-request-id') ?? null;
    const declared = Number(firstHeader(response.headers, 'content-length'));
    if (declared > call.maxBytes) {
      response.body.destroy();
      throw tooLarge(response.statusCode, call.maxBytes, requestId);
    }
    const text = await readLimited(response.body, call.maxBytes);
    if (text === undefined) throw tooLarge(response.statusCode, call.maxBytes, requestId);
    return { status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    if (call.signal?.aborted && !timedOut) throw error;
    throw transportError(
      timedOut ? new DOMException('request timed out', 'TimeoutError') : error,
      call.timeoutMs,
      call.url.host,
    );
  } finally {
    clearTimeout(deadline);
    call.signal?.removeEventListener('abort', forwardAbort);
  }
}
