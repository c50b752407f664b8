import type { Dispatcher } from 'undici';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
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

/**
 * Sends one request and reads the whole (bounded) body; never follows redirects.
 *
 * Written on undici's dispatch handler rather than `request()`: polling thousands of instances a
 * second, the body stream, its async iterator and an AbortSignal per request were most of the
 * process's garbage. Here a request is one handler and one timer, and the promise settles exactly
 * once: on the answer, on an error, at the deadline (body included) or when `call.signal` aborts.
 */
export function exchange(dispatcher: Dispatcher, call: Exchange): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const host = call.url.host;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let headers: Reply['headers'] = {};
    let size = 0;
    const chunks: Buffer[] = [];

    const settle = (error: unknown, reply?: Reply) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      call.signal?.removeEventListener('abort', onAbort);
      if (reply) return resolve(reply);
      // A request still on the wire is cut off; one still queued is cut off when it starts.
      if (controller && !controller.aborted) controller.abort(error as Error);
      reject(error);
    };
    const fail = (error: unknown) => settle(transportError(error, call.timeoutMs, host));
    // The caller's own abort passes through unchanged, so it is never mistaken for a failure.
    const onAbort = () => settle(call.signal?.reason);
    const deadline = setTimeout(
      () => fail(new DOMException('request timed out', 'TimeoutError')),
      call.timeoutMs,
    );
    if (call.signal?.aborted) return onAbort();
    call.signal?.addEventListener('abort', onAbort, { once: true });

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (settled) started.abort(new Error('request no longer wanted'));
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        status = statusCode;
        headers = responseHeaders;
        if (Number(firstHeader(headers, 'content-length')) > call.maxBytes) {
          settle(tooLarge(status, call.maxBytes, requestIdOf(headers)));
        }
      },
      onResponseData(_controller, chunk) {
        if (settled) return;
        size += chunk.length;
        if (size > call.maxBytes) return settle(tooLarge(status, call.maxBytes, requestIdOf(headers)));
        chunks.push(chunk);
      },
      onResponseEnd() {
        settle(undefined, { status, headers, text: Buffer.concat(chunks, size).toString('utf8') });
      },
      onResponseError(_controller, error) {
        fail(error);
      },
    };
    try {
      dispatcher.dispatch(
        {
          origin: call.url.origin,
          path: `${call.url.pathname}${call.url.search}`,
          method: call.method,
          headers: call.headers,
          body: call.body ?? null,
        },
        handler,
      );
    } catch (error) {
      fail(error);
    }
  });
}

function requestIdOf(headers: Reply['headers']): string | null {
  return firstHeader(headers, 'x-request-id') ?? null;
}
