/**
 * Tells when to trim the heap (`trimHeap`): once the process's RSS has grown `limitBytes` past what it
 * was right after the last trim, and no sooner than a trim's cost allows.
 *
 * What grows back after a trim is V8's: the pool of freed pages, which no heap statistic counts, and
 * the young generation and old-space room that the trim's compaction shrank. On a monitor polling
 * thousands of instances a second it grows back within seconds; on one polling ten it never does,
 * and after the first trim (which learns the floor) no other is made. The rest of RSS (the binary's pages, malloc) grows slowly if at all,
 * and at worst costs one trim that then finds the new floor.
 *
 * A trim is at least two full collections (60-80 ms at 2,000 instances, 115-140 ms in `serve` at 10,000), so
 * the next is allowed only after `1 / dutyCycle` times the last one's duration: at 3% the process
 * spends at most that share of its time trimming, whatever its size.
 *
 * Measured at 2,000 instances a second (bench/README.md, memory; 100 s runs, RSS at 100 s): a trim
 * every 30 s whatever the memory did, 144-149 MiB; this policy at 3%, 127 MiB (36 trims); at 2%,
 * 140 MiB (27 trims). The limit mattered less than the gap: 4 MiB and 8 MiB both trimmed at every
 * chance.
 */
export class TrimPolicy {
  /** RSS right after the last trim; undefined before the first. */
  private floor: number | undefined;
  private nextAllowedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly limitBytes = 8 * 2 ** 20,
    readonly dutyCycle = 0.03,
    readonly minGapMs = 1_000,
  ) {}

  /** Whether to trim now, given RSS read at `nowMs` (monotonic). */
  due(rss: number, nowMs: number): boolean {
    // Memory given back since (the kernel can too) lowers the floor: growth counts from the lowest.
    if (this.floor !== undefined && rss < this.floor) this.floor = rss;
    if (nowMs < this.nextAllowedAt) return false;
    // The first look trims, to learn the floor.
    return this.floor === undefined || rss - this.floor > this.limitBytes;
  }

  /** Records a trim that took `tookMs` and ended at `endedMs`, and RSS right after it. */
  trimmed(rss: number, endedMs: number, tookMs: number): void {
    this.floor = rss;
    this.nextAllowedAt = endedMs + Math.max(this.minGapMs, tookMs / this.dutyCycle);
  }
}
