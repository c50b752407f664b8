import type { SessionOverview } from '../cloud/session-overview.js';

export interface Sample {
  /** Monotonic time of the answer. */
  at: number;
  /** Wall time of the answer, for people. */
  wallAt: number;
  overview: SessionOverview;
}

/**
 * The last `capacity` samples of one instance in typed arrays: a fixed 3 KB per instance however long
 * the monitor runs, and no objects for the garbage collector until the details view asks for them.
 */
export class SampleRing {
  private readonly times: Float64Array;
  private readonly wallTimes: Float64Array;
  private readonly counts: Uint32Array;
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.wallTimes = new Float64Array(capacity);
    this.counts = new Uint32Array(capacity * 4);
  }

  get length(): number {
    return this.size;
  }

  push(sample: Sample): void {
    const slot = (this.start + this.size) % this.capacity;
    this.times[slot] = sample.at;
    this.wallTimes[slot] = sample.wallAt;
    const { total, active, slowSql, lock } = sample.overview;
    const base = slot * 4;
    this.counts[base] = total;
    this.counts[base + 1] = active;
    this.counts[base + 2] = slowSql;
    this.counts[base + 3] = lock;
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Every sample held, oldest first. */
  samples(): Sample[] {
    return Array.from({ length: this.size }, (_, index) => {
      const slot = (this.start + index) % this.capacity;
      const base = slot * 4;
      const counts = this.counts;
      return {
        at: this.times[slot] as number,
        wallAt: this.wallTimes[slot] as number,
        overview: {
          total: counts[base] as number,
          active: counts[base + 1] as number,
          slowSql: counts[base + 2] as number,
          lock: counts[base + 3] as number,
        },
      };
    });
  }
}
