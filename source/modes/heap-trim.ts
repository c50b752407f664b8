import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's `gc` extension; a "last resort" collection also gives V8's pooled pages back to the system. */
type CollectGarbage = (options: { type: 'major'; flavor: 'last-resort' }) => void;

/** How often a live screen or `serve` gives back what V8 holds unused: a ~70 ms pause each time. */
export const heapTrimEveryMs = 30_000;

let collect: CollectGarbage | null | undefined;

/**
 * Gives back the memory V8 keeps but no longer uses; false where this Node.js does not allow it.
 *
 * After each full collection V8 keeps the freed heap pages in a pool for reuse, and returns them only
 * when the program goes idle (its memory reducer). A monitor polling thousands of instances is never
 * idle: its RSS became the largest heap it ever had, and drifted from run to run by up to 25 MiB
 * (bench/README.md, memory). A last-resort collection compacts the heap and empties that pool.
 *
 * It is reached through V8's own `gc` extension, turned on for one fresh context only, so the
 * program's globals stay as they are. Should that ever fail, the monitor runs as before without it.
 */
export function trimHeap(): boolean {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('gc');
      collect = typeof found === 'function' ? (found as CollectGarbage) : null;
    } catch {
      collect = null;
    }
  }
  collect?.({ type: 'major', flavor: 'last-resort' });
  return collect !== null;
}

/** Trims every `everyMs` until stopped; the timer never keeps the process alive on its own. */
export function startHeapTrim(everyMs = heapTrimEveryMs): { stop(): void } {
  const timer = setInterval(trimHeap, everyMs).unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
