/**
 * Backoff after errors doubles up to this many intervals. Small on purpose: during an incident an
 * instance must come back on screen soon after it recovers, and the global rate budget already keeps
 * a failing fleet from hammering the API.
 */
const maxBackoffIntervals = 2;

/**
 * How long an instance waits after its `failures`-th failure in a row. Even "instance gone" (404) or
 * "status forbids" (403) can change at any moment: the same backoff for all. `random` in [0, 1) adds
 * ±20% jitter, so instances that failed together do not retry together.
 */
export function backoffMs(failures: number, intervalMs: number, random: number): number {
  return intervalMs * Math.min(2 ** (failures - 1), maxBackoffIntervals) * (0.8 + 0.4 * random);
}
