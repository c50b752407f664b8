import type { ServerResponse } from 'node:http';
import type { Language } from '../language.js';
import { sleep, systemTimers } from '../time.js';
import { codeForStatus, errorText } from './messages.js';
import { json } from './replies.js';

/** What the emulator can do wrong for one instance (or for all), to test how the monitor copes. */
export type Fault =
  | { kind: 'latency'; ms: number }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  /** Send the status line and headers, then nothing. */
  | { kind: 'stall-body' }
  /** Send a valid body one byte at a time. */
  | { kind: 'drip'; intervalMs: number }
  /** Answer with an error status; the body follows the API's shape unless told otherwise. */
  | { kind: 'status'; status: number; retryAfter?: string; body?: 'json' | 'nested-json' | 'html' | 'empty' }
  /** Answer with exactly this body (malformed JSON, wrong types, missing fields...), 200 unless told. */
  | { kind: 'body'; text: string; status?: number }
  /** Answer 200 with a body of this many bytes. */
  | { kind: 'oversized'; bytes: number }
  /** Drop the connection halfway through the body. */
  | { kind: 'reset' }
  /** Answer with a redirect elsewhere. */
  | { kind: 'redirect'; location: string };

const kinds = new Set<string>([
  'latency',
  'hang',
  'stall-body',
  'drip',
  'status',
  'body',
  'oversized',
  'reset',
  'redirect',
]);

export function isFault(value: unknown): value is Fault {
  return Boolean(value) && typeof value === 'object' && kinds.has((value as { kind?: string }).kind ?? '');
}

/** The emulator stands in for a real server on a real network: its delays are real time. */
const delay = (ms: number) => sleep(systemTimers, ms);

function sendStatus(response: ServerResponse, fault: Extract<Fault, { kind: 'status' }>, language: Language) {
  const extra: Record<string, string> =
    fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
  const code = codeForStatus(fault.status);
  if (fault.body === 'html') {
    response.writeHead(fault.status, { 'Content-Type': 'text/html', ...extra });
    response.end(
      `<html><head><title>${fault.status} Bad Gateway</title></head><body><h1>nginx</h1></body></html>`,
    );
  } else if (fault.body === 'empty') {
    response.writeHead(fault.status, extra);
    response.end();
  } else if (fault.body === 'nested-json') {
    response.writeHead(fault.status, { 'Content-Type': json, ...extra });
    response.end(JSON.stringify({ error: { code, message: errorText(code, language) } }));
  } else {
    response.writeHead(fault.status, { 'Content-Type': json, ...extra });
    response.end(JSON.stringify({ error_code: code, error_msg: errorText(code, language) }));
  }
}

async function sendOversized(response: ServerResponse, bytes: number) {
  response.writeHead(200, { 'Content-Type': json });
  const chunk = Buffer.alloc(64 * 1024, '0');
  response.write('{"total_num":"');
  let sent = 0;
  while (sent < bytes && !response.destroyed) {
    if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
    sent += chunk.length;
  }
  response.end('"}');
}

/** Answers a request as the fault says; `body` is what a healthy answer would have been. */
export async function applyFault(
  fault: Fault,
  response: ServerResponse,
  language: Language,
  body: () => string,
): Promise<void> {
  switch (fault.kind) {
    case 'latency':
      await delay(fault.ms);
      break;
    case 'hang':
      return; // Never answer; the socket is closed with the server.
    case 'stall-body':
      response.writeHead(200, { 'Content-Type': json });
      response.flushHeaders();
      return;
    case 'drip': {
      const text = body();
      response.writeHead(200, { 'Content-Type': json, 'Content-Length': Buffer.byteLength(text) });
      for (const character of text) {
        if (response.destroyed) return;
        response.write(character);
        await delay(fault.intervalMs);
      }
      response.end();
      return;
    }
    case 'status':
      return sendStatus(response, fault, language);
    case 'body':
      response.writeHead(fault.status ?? 200, { 'Content-Type': json });
      response.end(fault.text);
      return;
    case 'oversized':
      return sendOversized(response, fault.bytes);
    case 'reset': {
      const text = body();
      response.writeHead(200, { 'Content-Type': json, 'Content-Length': Buffer.byteLength(text) });
      response.write(text.slice(0, Math.floor(text.length / 2)));
      setImmediate(() => response.socket?.destroy());
      return;
    }
    case 'redirect':
      response.writeHead(302, { Location: fault.location });
      response.end();
      return;
  }
  response.writeHead(200, { 'Content-Type': json });
  response.end(body());
}
