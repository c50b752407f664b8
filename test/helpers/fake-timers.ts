import type { Timers } from '../../source/time.js';
import type { FakeClock } from './fake-clock.js';

interface Pending {
  id: number;
  at: number;
  callback: () => void;
}

/** Timers on a fake clock: `advance()` moves time and fires what falls due, in order. */
export class FakeTimers implements Timers {
  private pending: Pending[] = [];
  private nextId = 1;

  /** `lateMs`: every timer fires this much after it was due, as real ones do. */
  constructor(
    private readonly clock: FakeClock,
    private readonly lateMs = 0,
  ) {}

  set(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.clock.monotonic() + ms + this.lateMs, callback };
    this.pending.push(timer);
    return timer.id;
  }

  clear(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }

  get count(): number {
    return this.pending.length;
  }

  /** Moves the clock forward by `ms`, firing due timers and letting promise callbacks run between them. */
  async advance(ms: number): Promise<void> {
    const end = this.clock.monotonic() + ms;
    for (;;) {
      await flushPromises();
      const due = this.pending
        .filter((timer) => timer.at <= end)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((timer) => timer !== due);
      this.clock.advance(Math.max(0, due.at - this.clock.monotonic()));
      due.callback();
    }
    this.clock.advance(Math.max(0, end - this.clock.monotonic()));
    await flushPromises();
  }
}

export async function flushPromises(): Promise<void> {
  for (let index = 0; index < 5; index++) await new Promise<void>((resolve) => setImmediate(resolve));
}
