// The replay of a recording as a Feed: the screen shows it as it shows the live poller, and moves
// through it with the `seek` commands (play, step, speed, jump). Moving forward a little applies the
// events in between; a jump back, or far ahead, starts again from the seek point `lookbackMs` before
// the target, so a jump costs the same anywhere in a file of any size.
import type { Language } from '../language.js';
import type { Thresholds } from '../monitor/severity.js';
import { EventCursor } from '../record/event-cursor.js';
import { pointBefore, type RecordingIndex, type SeekPoint } from '../record/recording-index.js';
import type { Clock, Timers } from '../time.js';
import { type Capability, type Feed, type MonitorSnapshot, noCommands } from './feed.js';
import type { ReplayControl, ReplayPosition } from './replay-control.js';
import { ReplayClock, ReplayState, recordedThresholds } from './replay-state.js';

export const minSpeed = 1 / 4;
export const maxSpeed = 256;
/** How often playing moves the replayed moment on (in real time). */
const playTickMs = 250;

/**
 * How much recording a jump reads before its target: enough for the details' 120 samples of history
 * and the 12-minute trend, and for the latest answer of every instance, at any interval.
 */
export function lookbackMs(intervalMs: number): number {
  return Math.max(15 * 60_000, 130 * intervalMs);
}

/** Where a jump to `target` starts reading: the seek point `lookbackMs` before it. */
export function lookbackPoint(index: RecordingIndex, target: number): SeekPoint {
  const intervalMs = pointBefore(index, target).fleet.intervalMs;
  return pointBefore(index, target - lookbackMs(intervalMs));
}

const replayCapabilities: readonly Capability[] = ['seek', 'language'];

export interface ReplayOptions {
  language: Language;
  /** Real time, for playing. */
  clock: Clock;
  timers: Timers;
  /** Where to start (default: the start of the recording). */
  at?: number;
}

export interface ReplayFeed extends Feed {
  readonly replay: ReplayControl;
  /** The thresholds the recording was made with. */
  readonly thresholds: Thresholds;
}

/** Opens a replay of an indexed recording, positioned (and shown) at `options.at`. */
export async function openReplay(index: RecordingIndex, options: ReplayOptions): Promise<ReplayFeed> {
  const thresholds = recordedThresholds((index.points.at(-1) as SeekPoint).fleet);
  let language = options.language;
  const clock = new ReplayClock(index.start);
  let state = new ReplayState((index.points[0] as SeekPoint).fleet, clock, language, thresholds);
  let cursor: EventCursor | undefined;
  let shown: MonitorSnapshot | undefined;
  let position: ReplayPosition = {
    at: index.start,
    start: index.start,
    end: index.end,
    playing: false,
    speed: 1,
    garbage: 0,
    cutLines: index.cutLines,
  };
  const listeners = new Set<() => void>();
  const tell = () => {
    for (const listener of listeners) listener();
  };
  const setPosition = (change: Partial<ReplayPosition>) => {
    position = { ...position, ...change };
    tell();
  };

  const rebuild = async (target: number) => {
    await cursor?.close();
    const point = lookbackPoint(index, target);
    cursor = new EventCursor(index, point);
    clock.set(point.t);
    // The state shown so far is not read again: its memory goes to the new one.
    state = new ReplayState(point.fleet, clock, language, thresholds, state);
    await state.readUntil(cursor, target);
  };
  const show = (at: number) => {
    state.publish(at);
    shown = state.store.getSnapshot();
    setPosition({ at, garbage: cursor?.garbage ?? 0 });
  };

  // Moves run one at a time; keys pressed meanwhile only change the target, and the last one wins.
  let target = options.at ?? index.start;
  let moving: Promise<void> = Promise.resolve();
  let busy = false;
  const move = async () => {
    while (target !== position.at || shown === undefined) {
      const goal = target;
      const forward = shown !== undefined && goal >= position.at;
      if (forward && goal - position.at <= lookbackMs(state.store.getSnapshot().status.intervalMs))
        await (cursor && state.readUntil(cursor, goal));
      else await rebuild(goal);
      show(goal);
    }
  };
  const goTo = (at: number) => {
    target = Math.min(index.end, Math.max(index.start, at));
    if (busy) return;
    busy = true;
    moving = move().finally(() => {
      busy = false;
    });
  };
  goTo(target);
  await moving;

  let playTimer: unknown;
  let playedFrom = { real: 0, at: 0 };
  const playStep = () => {
    const elapsed = options.clock.monotonic() - playedFrom.real;
    const next = playedFrom.at + elapsed * position.speed;
    if (next >= index.end) {
      goTo(index.end);
      setPosition({ playing: false });
      return;
    }
    goTo(next);
    playTimer = options.timers.set(playStep, playTickMs);
  };
  const startPlaying = () => {
    playedFrom = { real: options.clock.monotonic(), at: target };
    options.timers.clear(playTimer);
    playTimer = options.timers.set(playStep, playTickMs);
  };
  const stopPlaying = () => options.timers.clear(playTimer);
  /** A jump while playing plays on from where it landed. */
  const jump = (at: number) => {
    goTo(at);
    if (position.playing) startPlaying();
  };

  const replay: ReplayControl = {
    clock,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getPosition: () => position,
    togglePlay() {
      if (position.playing) {
        stopPlaying();
        setPosition({ playing: false });
        return;
      }
      // Played to the end: play again from the start.
      if (target >= index.end) goTo(index.start);
      setPosition({ playing: true });
      startPlaying();
    },
    step: (ms) => jump(target + ms),
    changeSpeed(direction) {
      const speed = Math.min(maxSpeed, Math.max(minSpeed, position.speed * 2 ** direction));
      if (speed === position.speed) return;
      if (position.playing) startPlaying();
      setPosition({ speed });
    },
    seekTo: (at) => jump(at),
    settled: async () => {
      while (busy) await moving;
    },
    async close() {
      stopPlaying();
      await replay.settled();
      await cursor?.close();
    },
  };

  return {
    subscribe: (listener) => replay.subscribe(listener),
    getSnapshot: () => shown as MonitorSnapshot,
    history: (key) => state.store.history(key),
    commands: {
      ...noCommands,
      setLanguage(next) {
        language = next;
        state.store.setLanguage(next);
        shown = state.store.getSnapshot();
        tell();
      },
    },
    capabilities: new Set(replayCapabilities),
    replay,
    thresholds,
  };
}
