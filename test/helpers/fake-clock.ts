import type { Clock } from '../../source/time.js';

/** A clock that moves only when told to. */
export class FakeClock implements Clock {
  constructor(
    private monotonicMs = 1_000,
    private wallMs = Date.UTC(2026, 10, 28, 12, 0, 0),
  ) {}

  monotonic(): number {
    return this.monotonicMs;
  }

  wall(): number {
    return this.wallMs;
  }

  advance(ms: number): void {
    this.monotonicMs += ms;
    this.wallMs += ms;
  }

  /** The system clock jumps; monotonic time does not. */
  jumpWall(ms: number): void {
    this.wallMs += ms;
  }
}
