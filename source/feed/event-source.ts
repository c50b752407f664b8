// A Server-Sent Events reader for attached screens: connects, hands every event to `onEvent`, and on
// any failure (refused, reset, silent for too long, an event too large) says so and tries again, ever
// less often up to a bound. Never throws into its caller.
import { Agent, request } from 'undici';
import type { Timers } from '../time.js';

export interface EventSourceOptions {
  url: string;
  /** Sent as `Authorization: Bearer …`; never shown anywhere. */
  token?: string | undefined;
  timers: Timers;
  onEvent(name: string, data: string): void;
  onOpen(): void;
  /** Why the connection failed or ended, in words for the header. */
  onDown(reason: string): void;
  /** No byte for this long (the poller sends a comment every 15 s) means the connection is dead. */
  silenceMs?: number;
  /** A single event larger than this ends the connection: a poller does not send one. */
  maxEventBytes?: number;
}

const retryStepsMs = [500, 1000, 2000, 5000, 10_000];

export interface EventSourceHandle {
  close(): void;
}

/** Splits a stream's text into events; returns what is left over (an event not yet complete). */
export function parseEvents(buffer: string, onEvent: (name: string, data: string) => void): string {
  let rest = buffer;
  for (let end = rest.indexOf('\n\n'); end !== -1; end = rest.indexOf('\n\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    let name = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) onEvent(name, data.join('\n'));
  }
  return rest;
}

export function openEventSource(options: EventSourceOptions): EventSourceHandle {
  const silenceMs = options.silenceMs ?? 45_000;
  const maxEventBytes = options.maxEventBytes ?? 256 * 1024 * 1024;
  const dispatcher = new Agent({ connections: 1, headersTimeout: 10_000, bodyTimeout: silenceMs });
  let closed = false;
  let failures = 0;
  let controller: AbortController | undefined;
  let retry: unknown;

  const down = (reason: string) => {
    if (closed) return;
    options.onDown(reason);
    const wait = retryStepsMs[Math.min(failures, retryStepsMs.length - 1)] ?? 10_000;
    failures++;
    retry = options.timers.set(connect, wait);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    controller = new AbortController();
    try {
      const answer = await request(options.url, {
        dispatcher,
        signal: controller.signal,
        headers: {
          accept: 'text/event-stream',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      });
      if (answer.statusCode !== 200) {
        await answer.body.dump().catch(() => undefined);
        const why = answer.statusCode === 401 ? 'the poller refused the token' : `HTTP ${answer.statusCode}`;
        return down(why);
      }
      const type = String(answer.headers['content-type'] ?? '');
      if (!type.startsWith('text/event-stream')) {
        await answer.body.dump().catch(() => undefined);
        return down('not an event stream');
      }
      let buffer = '';
      let opened = false;
      answer.body.setEncoding('utf8');
      for await (const chunk of answer.body as AsyncIterable<string>) {
        buffer = parseEvents(buffer + chunk, (name, data) => {
          if (!opened) {
            opened = true;
            failures = 0;
            options.onOpen();
          }
          options.onEvent(name, data);
        });
        if (buffer.length > maxEventBytes) {
          answer.body.destroy();
          return down('an event larger than allowed');
        }
      }
      down('the poller closed the stream');
    } catch (error) {
      const code = (error as { code?: string }).code;
      down(code ?? 'connection failed');
    }
  }

  void connect();
  return {
    close() {
      closed = true;
      options.timers.clear(retry);
      controller?.abort();
      void dispatcher.close();
    },
  };
}
