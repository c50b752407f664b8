import { useSyncExternalStore } from 'react';
import type { ReplayControl, ReplayPosition } from '../../feed/replay-control.js';

const nothing = () => () => undefined;
const none = () => null;

/** Where the replay stands (null on a feed that is not a replay); re-renders when it moves. */
export function useReplayPosition(replay: ReplayControl | undefined): ReplayPosition | null {
  return useSyncExternalStore(replay?.subscribe ?? nothing, replay?.getPosition ?? none);
}
