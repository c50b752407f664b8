import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TrimPolicy } from './trim-policy.js';

/** V8's `gc` extension; a "last resort" collection also gives V8's pooled pages back to the system. */
type CollectGarbage = (options: { type: 'major'; flavor: 'last-resort' }) => void;

let collect: CollectGarbage | null | undefined;
const trims = { count: 0, ms: 0 };

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
  if (collect) {
    const started = performance.now();
    collect({ type: 'major', flavor: 'last-resort' });
    trims.count++;
    trims.ms += performance.now() - started;
  }
  return collect !== null;
}

/** How many trims this process has made, and the time they took, for the memory log. */
export function heapTrims(): { count: number; ms: number } {
  return { ...trims };
}

/** How often the live screen and `serve` look at their RSS: one cheap read, no collection. */
export const trimCheckEveryMs = 1_000;

/**
 * Trims whenever its policy says so (`TrimPolicy`), looking every `everyMs`, until stopped; the timer
 * never keeps the process alive on its own.
 */
export function startHeapTrim(everyMs = trimCheckEveryMs, policy = new TrimPolicy()): { stop(): void } {
  const timer = setInterval(() => {
    if (!policy.due(process.memoryUsage.rss(), performance.now())) return;
    // The trim's duration as `trimHeap` measured it for the memory log, not timed a second time.
    const msBefore = trims.ms;
    if (trimHeap()) policy.trimmed(process.memoryUsage.rss(), performance.now(), trims.ms - msBefore);
    else clearInterval(timer);
  }, everyMs).unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
