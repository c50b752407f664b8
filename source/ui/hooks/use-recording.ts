import { useSyncExternalStore } from 'react';
import type { RecordingState, RecordingSwitch } from '../../feed/recording-switch.js';

const nothing = () => () => undefined;
const none = () => null;

/** The state of `--record`'s recording, or null without one. */
export function useRecording(recording: RecordingSwitch | undefined): RecordingState | null {
  return useSyncExternalStore(recording?.subscribe ?? nothing, recording?.getState ?? none);
}
