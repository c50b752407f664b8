import type { Clock } from '../time.js';
import { RateBudget } from './rate-budget.js';
import type { RateGovernor } from './rate-governor.js';

/** What the drill-down may spend of the request budget it shares with the grid. */
export interface RequestShare {
  /** Takes one request's worth if the share and the whole budget allow it now. */
  tryTake(): boolean;
  /** Milliseconds until {@link tryTake} may succeed. */
  waitMs(): number;
  /** A 429 answered a drill-down call: the drill-down holds back; the grid does not. */
  throttle(retryAfterMs: number | null): void;
}

/**
 * A part of the grid's request budget: a request takes a token from the whole budget (so the sum
 * stays within --rate) and from a bucket of its own at `fraction` of the rate (so the drill-down
 * never takes more than that share, and the grid keeps the rest). Holds while the governor holds.
 */
/** How long the drill-down holds back after a 429 that names no Retry-After. */
const defaultHoldMs = 15_000;

export class BudgetShare implements RequestShare {
  private readonly own: RateBudget;
  private heldUntil: number | null = null;

  constructor(
    private readonly whole: RateBudget,
    private readonly governor: RateGovernor,
    private readonly clock: Clock,
    private readonly fraction: number,
  ) {
    this.own = new RateBudget(governor.effectiveRate * fraction, clock);
  }

  private heldFor(): number {
    const until = Math.max(this.governor.throttledUntil ?? 0, this.heldUntil ?? 0);
    return Math.max(0, until - this.clock.monotonic());
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

  /**
   * Quotas are counted per API (about 60 calls a minute per user for each), so a 429 on a session call
   * says nothing about the overview: holding the grid back for it would blank the fleet while a page is
   * open. The grid's own 429s still hold everyone, the drill-down too (heldFor).
   */
  throttle(retryAfterMs: number | null): void {
    this.heldUntil = this.clock.monotonic() + (retryAfterMs ?? defaultHoldMs);
  }
}
