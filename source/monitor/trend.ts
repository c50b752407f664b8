/**
 * Active sessions per minute (the highest seen in each minute), for the trend column. A fixed time
 * axis keeps the column honest (a spike drifts left as minutes pass) and cheap: a row's trend moves
 * only when a minute turns or a new high arrives, not with every identical answer.
 */
export const trendBucketMs = 60_000;

export class TrendBuckets {
  private buckets: { index: number; max: number }[] = [];

  constructor(private readonly length: number) {}

  add(atMs: number, value: number): void {
    const index = Math.floor(atMs / trendBucketMs);
    const last = this.buckets.at(-1);
    if (last && last.index === index) {
      if (value > last.max) this.buckets[this.buckets.length - 1] = { index, max: value };
      return;
    }
    this.buckets.push({ index, max: value });
    if (this.buckets.length > this.length) this.buckets.shift();
  }

  /** The `length` minutes up to the one holding `atMs`, oldest first; null where no answer came. */
  values(atMs: number): (number | null)[] {
    if (this.buckets.length === 0) return [];
    const newest = Math.floor(atMs / trendBucketMs);
    const byIndex = new Map(this.buckets.map((bucket) => [bucket.index, bucket.max]));
    return Array.from(
      { length: this.length },
      (_, offset) => byIndex.get(newest - this.length + 1 + offset) ?? null,
    );
  }
}
