import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import { ApiError, type LocalErrorCode } from './api-error.js';
import { LoopbackBypass } from './loopback-bypass.js';

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
 * (bastion hosts often need a proxy), except for loopback endpoints, which it always reaches directly
 * (see {@link LoopbackBypass}). It verifies TLS unless NODE_TLS_REJECT_UNAUTHORIZED=0, which the
 * settings accept only with --insecure; NODE_EXTRA_CA_CERTS adds trusted CAs.
 */
export function createDispatcher({ timeoutMs, connections, lookup }: TransportOptions): Dispatcher {
  const options = {
    connections,
    keepAliveTimeout: 30_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: lookup ? { timeout: timeoutMs, lookup } : { timeout: timeoutMs },
  };
  return new LoopbackBypass(new Agent(options), new EnvHttpProxyAgent(options));
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

function localError(code: Extract<LocalErrorCode, 'TIMEOUT' | 'NETWORK' | 'TLS'>, message: string): ApiError {
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
 * process's garbage. Here a request is one handler object and one timer, and the promise settles
 * exactly once: on the answer, on an error, at the deadline (body included) or when `call.signal`
 * aborts.
 */
export function exchange(dispatcher: Dispatcher, call: Exchange): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const pending = new PendingExchange(call, resolve, reject);
    if (call.signal?.aborted) {
      pending.handleEvent();
      return;
    }
    try {
      dispatcher.dispatch(
        {
          origin: call.url.origin,
          path: `${call.url.pathname}${call.url.search}`,
          method: call.method,
          headers: call.headers,
          body: call.body ?? null,
        },
        pending,
      );
    } catch (error) {
      pending.fail(error);
    }
  });
}

/**
 * One request in flight: undici's handler, the deadline's target and the abort listener in one
 * object, with its methods on the prototype (no closures per request).
 */
class PendingExchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;
  private status = 0;
  private headers: Reply['headers'] = {};
  private size = 0;
  private readonly chunks: Buffer[] = [];
  private readonly deadline: NodeJS.Timeout;

  constructor(
    private readonly call: Exchange,
    private readonly resolve: (reply: Reply) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.deadline = setTimeout(expire, call.timeoutMs, this);
    call.signal?.addEventListener('abort', this);
  }

  /** The caller's own abort passes through unchanged, so it is never mistaken for a failure. */
  handleEvent(): void {
    this.settle(this.call.signal?.reason);
  }

  fail(error: unknown): void {
    const failure = transportError(error, this.call.timeoutMs, this.call.url.host);
    // Headers that arrived before the body failed still say what the server answered (a 401 is a
    // refusal even when its body never ends).
    this.settle(
      this.status < 400
        ? failure
        : new ApiError({ ...failure, message: failure.message, status: this.status }),
    );
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.settled) controller.abort(new Error('request no longer wanted'));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: Reply['headers'],
  ): void {
    this.status = status;
    this.headers = headers;
    if (Number(firstHeader(headers, 'content-length')) > this.call.maxBytes) this.settle(this.tooLarge());
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.call.maxBytes) this.settle(this.tooLarge());
    else this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const text = Buffer.concat(this.chunks, this.size).toString('utf8');
    this.settle(undefined, { status: this.status, headers: this.headers, text });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.fail(error);
  }

  private tooLarge(): ApiError {
    return tooLarge(this.status, this.call.maxBytes, requestIdOf(this.headers));
  }

  private settle(error: unknown, reply?: Reply): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.deadline);
    this.call.signal?.removeEventListener('abort', this);
    if (reply) {
      this.resolve(reply);
      return;
    }
    // A request still on the wire is cut off; one still queued is cut off when it starts.
    if (this.controller && !this.controller.aborted) this.controller.abort(error as Error);
    this.reject(error);
  }
}

function expire(pending: PendingExchange): void {
  pending.fail(new DOMException('request timed out', 'TimeoutError'));
}

/** The request id the API puts on every answer, for error reports. */
export function requestIdOf(headers: Reply['headers']): string | null {
  return firstHeader(headers, 'x-request-id') ?? null;
}
