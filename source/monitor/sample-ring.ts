import type { SessionOverview } from '../cloud/session-overview.js';
import { metrics } from '../metrics.js';

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

  /** The bytes a ring of `capacity` samples takes. */
  static bytes(capacity: number): number {
    return capacity * (16 + 4 * metrics.length);
  }

  /**
   * `memory`: where its `SampleRing.bytes(capacity)` bytes are, when the caller makes many rings at
   * once (a replay's jump makes one per instance of the fleet): one allocation for all of them.
   */
  constructor(
    readonly capacity: number,
    memory: { buffer: ArrayBuffer; offset: number } = {
      buffer: new ArrayBuffer(SampleRing.bytes(capacity)),
      offset: 0,
    },
  ) {
    const { buffer, offset } = memory;
    this.times = new Float64Array(buffer, offset, capacity);
    this.wallTimes = new Float64Array(buffer, offset + capacity * 8, capacity);
    this.counts = new Uint32Array(buffer, offset + capacity * 16, capacity * metrics.length);
  }

  get length(): number {
    return this.size;
  }

  push(sample: Sample): void {
    const slot = (this.start + this.size) % this.capacity;
    this.times[slot] = sample.at;
    this.wallTimes[slot] = sample.wallAt;
    const base = slot * metrics.length;
    for (const [index, metric] of metrics.entries()) this.counts[base + index] = sample.overview[metric];
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /**
   * The same as `push`, from counts in `metrics` order: no object per sample, for a replay that reads
   * thousands of answers to build the state of one moment.
   */
  pushCounts(at: number, wallAt: number, counts: ArrayLike<number>): void {
    const slot = (this.start + this.size) % this.capacity;
    this.times[slot] = at;
    this.wallTimes[slot] = wallAt;
    const base = slot * metrics.length;
    for (let index = 0; index < metrics.length; index++) this.counts[base + index] = counts[index] as number;
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Every sample held, oldest first. */
  samples(): Sample[] {
    return Array.from({ length: this.size }, (_, index) => {
      const slot = (this.start + index) % this.capacity;
      const base = slot * metrics.length;
      const overview = {} as SessionOverview;
      for (const [index, metric] of metrics.entries()) overview[metric] = this.counts[base + index] as number;
      return { at: this.times[slot] as number, wallAt: this.wallTimes[slot] as number, overview };
    });
  }
}
