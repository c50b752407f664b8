// What a replay of a recording offers the screen besides snapshots: where it is, and the moves it
// accepts. Declared apart from the feed that implements it (replay-feed.ts) so feed.ts can name it.
import type { Clock } from '../time.js';

export interface ReplayPosition {
  /** The replayed moment (wall time, ms). */
  at: number;
  start: number;
  end: number;
  playing: boolean;
  /** Replayed time per real time: 1/4 to 256. */
  speed: number;
  /** Lines skipped since the last jump because they were not events. */
  garbage: number;
  /** Lines cut by a crash, skipped. */
  cutLines: number;
}

/** What the screen may do with a replay (present on a feed exactly when it declares `seek`). */
export interface ReplayControl {
  /** Reads the replayed moment: what the screen's ages and the header's time are taken at. */
  readonly clock: Clock;
  subscribe(listener: () => void): () => void;
  /** The same object until something changes. */
  getPosition(): ReplayPosition;
  togglePlay(): void;
  /** Moves by `ms` of recorded time (negative: back). */
  step(ms: number): void;
  /** Doubles (1) or halves (-1) the speed, within 1/4x and 256x. */
  changeSpeed(direction: 1 | -1): void;
  /** Jumps to a moment (kept within the recording). */
  seekTo(at: number): void;
  /** Resolves once every move asked for so far has been shown. */
  settled(): Promise<void>;
  close(): Promise<void>;
}
