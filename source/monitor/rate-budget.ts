import type { Clock } from '../time.js';

/**
 * A token bucket for requests across all instances: `rate` per second on average, bursts of at
 * most one second's worth (and at least one request).
 */
export class RateBudget {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private rate: number,
    private readonly clock: Clock,
  ) {
    this.tokens = this.capacity;
    this.updatedAt = clock.monotonic();
  }

  private get capacity(): number {
    return Math.max(1, this.rate);
  }

  setRate(rate: number): void {
    this.refill();
    this.rate = rate;
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  private refill(): void {
    const now = this.clock.monotonic();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.rate);
    this.updatedAt = now;
  }

  /** Takes one request's worth if available. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until {@link tryTake} can succeed. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }
}
