import type { RateBudget } from './rate-budget.js';

/**
 * While the API keeps answering 429, the rate halves at most once per this long: a burst of 429s to
 * requests that were already on their way is one push-back, not one halving each.
 */
export const halvingSpacingMs = 30_000;
/** The rate never drops below this many requests a second (or the configured rate, if lower). */
export const floorRate = 0.5;
/** After this long without a 429, the rate climbs back by `recoveryFactor`, at most once a second. */
const recoveryQuietMs = 5_000;
const recoveryFactor = 1.25;

/**
 * The 429 governor: slows every request down when the API pushes back, holds them for `Retry-After`,
 * and climbs back after sustained success.
 */
export class RateGovernor {
  private lastHalvingAt = Number.NEGATIVE_INFINITY;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  private lastRaiseAt = Number.NEGATIVE_INFINITY;
  /** Monotonic time until which every request is held, or null. */
  throttledUntil: number | null = null;
  effectiveRate: number;
  /** How many times the rate was halved since start (for tests and diagnostics). */
  halvings = 0;

  constructor(
    private readonly configuredRate: number,
    private readonly budget: RateBudget,
  ) {
    this.effectiveRate = configuredRate;
  }

  /** A 429 arrived: halve (at most once per spacing) and hold everyone for Retry-After. */
  throttle(now: number, retryAfterMs: number | null): void {
    this.lastThrottleAt = now;
    if (now - this.lastHalvingAt >= halvingSpacingMs) {
      this.lastHalvingAt = now;
      const floor = Math.min(this.configuredRate, floorRate);
      const halved = Math.max(floor, this.effectiveRate / 2);
      if (halved < this.effectiveRate) this.halvings++;
      this.setRate(halved);
    }
    const holdMs = retryAfterMs ?? Math.max(1000, 1000 / this.effectiveRate);
    this.throttledUntil = Math.max(this.throttledUntil ?? 0, now + holdMs);
  }

  /** Ends the hold once its time has come; true when that changed anything. */
  release(now: number): boolean {
    if (this.throttledUntil === null || now < this.throttledUntil) return false;
    this.throttledUntil = null;
    return true;
  }

  /** An answer arrived: after a quiet spell without 429s, climb back; true when the rate changed. */
  recover(now: number): boolean {
    if (this.effectiveRate >= this.configuredRate) return false;
    if (now - this.lastThrottleAt < recoveryQuietMs || now - this.lastRaiseAt < 1000) return false;
    this.lastRaiseAt = now;
    this.setRate(Math.min(this.configuredRate, this.effectiveRate * recoveryFactor));
    return true;
  }

  private setRate(rate: number): void {
    this.effectiveRate = rate;
    this.budget.setRate(rate);
  }
}
