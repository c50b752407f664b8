import type { RecordTarget, Target } from '../config/settings.js';
import type { Feed } from '../feed/feed.js';
import type { RecordingState, RecordingSwitch } from '../feed/recording-switch.js';
import type { Thresholds } from '../monitor/severity.js';
import type { Clock, Timers } from '../time.js';
import type { RecordingFileSystem } from './file-system.js';
import { stopLine } from './format.js';
import { SnapshotRecorder } from './recorder.js';
import { RecordingFile } from './recording-file.js';

export interface RecordingOptions {
  feed: Pick<Feed, 'subscribe' | 'getSnapshot' | 'history'>;
  target: RecordTarget;
  targets: readonly Target[];
  thresholds: Thresholds;
  clock: Clock;
  timers: Timers;
  fs?: RecordingFileSystem;
  flushMs?: number;
  retryMs?: number;
}

/** A running recording: the switch the screen shows and `R` flips, and the end of the run. */
export interface Recording extends RecordingSwitch {
  /** Writes what is buffered and closes the file; resolves when it is on disk (or failed). */
  stop(): Promise<void>;
}

/** Records a feed into `--record`'s file from now until `stop()`; `toggle()` pauses and resumes it. */
export function startRecording(options: RecordingOptions): Recording {
  const listeners = new Set<() => void>();
  let state: RecordingState = { state: 'on' };
  const setState = (next: RecordingState) => {
    if (
      next.state === state.state &&
      (next.state !== 'failed' || JSON.stringify(next) === JSON.stringify(state))
    )
      return;
    state = next;
    for (const listener of listeners) listener();
  };
  let file: RecordingFile;
  const recorder = new SnapshotRecorder(
    options.feed,
    {
      clock: options.clock,
      thresholds: options.thresholds,
      targets: options.targets.map((target) => ({
        endpoint: target.endpoint,
        projectId: target.projectId,
        discover: target.discover,
      })),
    },
    (line) => file.append(line),
  );
  file = new RecordingFile({
    path: options.target.path,
    maxBytes: options.target.maxBytes,
    timers: options.timers,
    sessionLine: () => recorder.sessionLine(),
    // A failure reported after `R` stopped the recording is old news.
    onState: (next) => {
      if (state.state !== 'off') setState(next);
    },
    ...(options.fs ? { fs: options.fs } : {}),
    ...(options.flushMs === undefined ? {} : { flushMs: options.flushMs }),
    ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
  });
  file.start();
  recorder.start();
  const stopFile = () => file.stop(stopLine(options.clock.wall()));
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    toggle() {
      if (state.state === 'off') {
        setState({ state: 'on' });
        file.start();
      } else {
        setState({ state: 'off' });
        void stopFile();
      }
    },
    async stop() {
      recorder.stop();
      await stopFile();
    },
  };
}
