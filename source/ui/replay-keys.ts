// What the timeline's keys do to a replay, and the time typed after `t`. Kept beside use-keys.ts,
// which hands these actions over when the feed can seek.
import type { Key } from 'ink';
import type { ReplayControl } from '../feed/replay-control.js';
import { parseReplayTime } from '../feed/replay-time.js';
import type { Messages } from '../i18n/index.js';
import { printable } from '../server-text.js';
import { filterEdit } from './filter-edit.js';
import type { ReplayAction } from './keymap.js';
import type { ViewEvent } from './view-state.js';

/** How far ←/→ (and , .) move, in recorded time. */
export const stepMs = 10_000;

type Move = (replay: ReplayControl, dispatch: (event: ViewEvent) => void) => void;

const moves: Record<ReplayAction, Move> = {
  playPause: (replay) => replay.togglePlay(),
  stepBack: (replay) => replay.step(-stepMs),
  stepForward: (replay) => replay.step(stepMs),
  slower: (replay) => replay.changeSpeed(-1),
  faster: (replay) => replay.changeSpeed(1),
  timelineStart: (replay) => replay.seekTo(replay.getPosition().start),
  timelineEnd: (replay) => replay.seekTo(replay.getPosition().end),
  jumpTo: (_, dispatch) => dispatch({ type: 'editTime', text: '' }),
};

export function isReplayAction(action: string): action is ReplayAction {
  return Object.hasOwn(moves, action);
}

export function performReplay(
  action: ReplayAction,
  replay: ReplayControl,
  dispatch: (event: ViewEvent) => void,
): void {
  moves[action](replay, dispatch);
}

export interface TimeEntryInput {
  text: string;
  input: string;
  key: Key;
  replay: ReplayControl;
  t: Messages;
  dispatch: (event: ViewEvent) => void;
  /** Shows a problem in the footer for a moment. */
  notice: (text: string) => void;
  interrupt: () => void;
}

/** A key while a time is typed: Enter jumps (or says why not), Esc cancels, the rest edits. */
export function editTimeEntry({ text, input, key, replay, t, dispatch, notice, interrupt }: TimeEntryInput) {
  const edit = filterEdit(text, input, key);
  if (edit.kind === 'interrupt') return interrupt();
  if (edit.kind === 'text') return dispatch({ type: 'editTime', text: edit.text.slice(0, 40) });
  if (edit.kind !== 'end') return;
  dispatch({ type: 'editTime', text: null });
  if (!edit.keep || text.trim() === '') return;
  const position = replay.getPosition();
  const parsed = parseReplayTime(text, position, position.at);
  if ('at' in parsed) return replay.seekTo(parsed.at);
  const shown = printable(text.trim());
  notice(parsed.problem === 'outside' ? t.replay.outside(shown) : t.replay.unreadable(shown));
}
