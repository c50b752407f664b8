/**
 * Active sessions per minute (the highest seen in each minute), for the trend column. A fixed time
 * axis keeps the column honest (a spike drifts left as minutes pass) and cheap: a row's trend moves
 * only when a minute turns or a new high arrives, not with every identical answer.
 */
export const trendBucketMs = 60_000;

export class TrendBuckets {
  private readonly buckets: { index: number; max: number }[] = [];
  /** Bumped whenever a bucket changes, so an unchanged trend is handed out as the same array. */
  private version = 0;
  private last: { newest: number; version: number; values: (number | null)[] } | undefined;

  constructor(private readonly length: number) {}

  add(atMs: number, value: number): void {
    const index = Math.floor(atMs / trendBucketMs);
    const last = this.buckets.at(-1);
    if (last && last.index === index) {
      if (value > last.max) {
        last.max = value;
        this.version++;
      }
      return;
    }
    this.buckets.push({ index, max: value });
    if (this.buckets.length > this.length) this.buckets.shift();
    this.version++;
  }

  /**
   * The `length` minutes up to the one holding `atMs`, oldest first; null where no answer came.
   * The same array as last time while nothing moved: at thousands of answers a second, a fresh
   * array per answer was garbage kept alive for a whole interval by the row that shows it.
   */
  values(atMs: number): (number | null)[] {
    if (this.buckets.length === 0) return [];
    const newest = Math.floor(atMs / trendBucketMs);
    if (this.last?.newest === newest && this.last.version === this.version) return this.last.values;
    const oldest = newest - this.length + 1;
    const values: (number | null)[] = new Array(this.length).fill(null);
    for (const bucket of this.buckets) {
      if (bucket.index >= oldest && bucket.index <= newest) values[bucket.index - oldest] = bucket.max;
    }
    this.last = { newest, version: this.version, values };
    return values;
  }
}
