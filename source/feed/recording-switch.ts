// What the screen knows of a recording (`--record`): whether it is on, why it failed, and a switch for
// `R`. The recorder (record/) implements it; the screen reads it as it reads a feed, and never the file.
import type { Messages } from '../i18n/index.js';

/** Why writing failed, in words the screen translates; `code` is the system's own (ENOSPC). */
export type RecordingProblem =
  | 'diskFull'
  | 'permission'
  | 'missing'
  | 'readOnly'
  | 'tooLarge'
  | 'notFile'
  | 'other';

export type RecordingState =
  | { state: 'on' }
  | { state: 'off' }
  | { state: 'failed'; problem: RecordingProblem; code: string };

export interface RecordingSwitch {
  /** Fit for React's useSyncExternalStore. */
  subscribe(listener: () => void): () => void;
  /** The same object until the state changes. */
  getState(): RecordingState;
  /** Stops recording, or starts it again (appending to the same file). */
  toggle(): void;
}

/** Why a recording failed, in one short phrase for the header: "disk full (ENOSPC)". */
export function recordingProblemText(
  failure: Extract<RecordingState, { state: 'failed' }>,
  t: Pick<Messages, 'recording'>,
): string {
  return `${t.recording.problems[failure.problem]} (${failure.code})`;
}
