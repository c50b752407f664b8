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
