/**
 * Time as the program sees it. `monotonic` drives intervals, ages and deadlines, so a jump of the
 * system clock never stalls or floods polling; `wall` only labels things for people and servers.
 * Tests pass a fake one and never sleep.
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
