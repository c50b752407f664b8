import type { Clock } from '../time.js';
import { RateBudget } from './rate-budget.js';
import type { RateGovernor } from './rate-governor.js';

/** What the drill-down may spend of the request budget it shares with the grid. */
export interface RequestShare {
  /** Takes one request's worth if the share and the whole budget allow it now. */
  tryTake(): boolean;
  /** Milliseconds until {@link tryTake} may succeed. */
  waitMs(): number;
  /** A 429 arrived: everyone slows down, the grid too (the 429 governor). */
  throttle(retryAfterMs: number | null): void;
}

/**
 * A part of the grid's request budget: a request takes a token from the whole budget (so the sum
 * stays within --rate) and from a bucket of its own at `fraction` of the rate (so the drill-down
 * never takes more than that share, and the grid keeps the rest). Holds while the governor holds.
 */
export class BudgetShare implements RequestShare {
  private readonly own: RateBudget;

  constructor(
    private readonly whole: RateBudget,
    private readonly governor: RateGovernor,
    private readonly clock: Clock,
    private readonly fraction: number,
  ) {
    this.own = new RateBudget(governor.effectiveRate * fraction, clock);
  }

  private heldFor(): number {
    const until = this.governor.throttledUntil;
    return until === null ? 0 : Math.max(0, until - this.clock.monotonic());
  }

  tryTake(): boolean {
    if (this.heldFor() > 0) return false;
    // The share follows the governor: a halved rate halves the share too.
    this.own.setRate(this.governor.effectiveRate * this.fraction);
    if (this.own.waitMs() > 0 || !this.whole.tryTake()) return false;
    return this.own.tryTake();
  }

  waitMs(): number {
    return Math.max(this.heldFor(), this.own.waitMs(), this.whole.waitMs());
  }

  throttle(retryAfterMs: number | null): void {
    this.governor.throttle(this.clock.monotonic(), retryAfterMs);
  }
}
