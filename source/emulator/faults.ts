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

const kinds = new Set([
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
