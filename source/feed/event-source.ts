// A Server-Sent Events reader for attached screens: connects, hands every event to `onEvent`, and on
// any failure (refused, reset, silent for too long, an event too large) says so and tries again, ever
// less often up to a bound. Never throws into its caller.
import { Agent, request } from 'undici';
import type { SourceFault } from '../monitor/snapshot.js';
import type { Timers } from '../time.js';
import { EventParser } from './event-parser.js';

export interface EventSourceOptions {
  url: string;
  /** Sent as `Authorization: Bearer …`; never shown anywhere. */
  token?: string | undefined;
  timers: Timers;
  onEvent(name: string, data: string): void;
  onOpen(): void;
  /** Why the connection failed or ended, in words, and what kind of failure when it is not the network. */
  onDown(reason: string, fault?: SourceFault): void;
  /** No byte for this long (the poller sends a comment every 15 s) means the connection is dead. */
  silenceMs?: number;
  /** A single event larger than this ends the connection: a poller does not send one. */
  maxEventBytes?: number;
}

const retryStepsMs = [500, 1000, 2000, 5000, 10_000];
/**
 * A refused token stays refused until someone changes it, and a URL that is not a poller stays wrong:
 * asked again far less often.
 */
const refusedStepsMs = [5000, 15_000, 30_000, 60_000];

export interface EventSourceHandle {
  close(): void;
}

export function openEventSource(options: EventSourceOptions): EventSourceHandle {
  const silenceMs = options.silenceMs ?? 45_000;
  const maxEventBytes = options.maxEventBytes ?? 256 * 1024 * 1024;
  const dispatcher = new Agent({ connections: 1, headersTimeout: 10_000, bodyTimeout: silenceMs });
  let closed = false;
  let failures = 0;
  let controller: AbortController | undefined;
  let retry: unknown;

  const down = (reason: string, fault?: SourceFault) => {
    if (closed) return;
    options.onDown(reason, fault);
    const lasting = fault?.kind === 'refused' || (fault?.kind === 'status' && fault.status < 500);
    const steps = lasting ? refusedStepsMs : retryStepsMs;
    const wait = steps[Math.min(failures, steps.length - 1)] ?? 60_000;
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
        const status = answer.statusCode;
        if (status === 401 || status === 403)
          return down(`the poller refused the token (HTTP ${status})`, { kind: 'refused', status });
        // It answers, just not with a stream (full, not found): not the network's fault either.
        return down(`HTTP ${status}`, { kind: 'status', status });
      }
      const type = String(answer.headers['content-type'] ?? '');
      if (!type.startsWith('text/event-stream')) {
        await answer.body.dump().catch(() => undefined);
        // Something answers (a proxy's page, another service): not the network's fault.
        return down('not an event stream', { kind: 'bad-data' });
      }
      let opened = false;
      const parser = new EventParser((name, data) => {
        if (!opened) {
          opened = true;
          failures = 0;
          options.onOpen();
        }
        options.onEvent(name, data);
      }, maxEventBytes);
      answer.body.setEncoding('utf8');
      for await (const chunk of answer.body as AsyncIterable<string>) {
        if (!parser.push(chunk)) {
          answer.body.destroy();
          return down(`an event larger than ${Math.round(maxEventBytes / 1024 / 1024)} MB`, {
            kind: 'bad-data',
          });
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
