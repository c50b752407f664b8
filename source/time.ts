// Time as the program sees it, in one leaf: a clock to read and timers to wait with. Everything that
// reads or waits on time takes these as arguments, so tests pass fake ones and never sleep.

/**
 * `monotonic` drives intervals, ages and deadlines, so a jump of the system clock never stalls or
 * floods polling; `wall` only labels things for people and servers.
 */
export interface Clock {
  /** Milliseconds from an arbitrary origin; never goes back. */
  monotonic(): number;
  /** Milliseconds since the epoch, as the system clock says. */
  wall(): number;
}

export const systemClock: Clock = {
  monotonic: () => performance.now(),
  wall: () => Date.now(),
};

/** setTimeout and clearTimeout, injectable so tests drive time instead of sleeping. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** setTimeout turns anything above 2^31-1 ms into 1 ms, which would make a scheduler spin. */
const longestTimeoutMs = 2 ** 31 - 1;

export const systemTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, Math.min(Math.max(0, ms), longestTimeoutMs)),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Timers that never fire: for whoever publishes by hand (a one-shot round, a test, a benchmark). */
export const noTimers: Timers = { set: () => undefined, clear: () => undefined };

/** Resolves after `ms` on these timers. */
export function sleep(timers: Timers, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.set(resolve, ms);
  });
}
