import type { Key } from 'ink';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * The key presses one input event stands for, in order.
 *
 * - Meta+key is Esc followed by the key: terminals send Alt as an Esc prefix, and so does a person who
 *   presses Esc and then a key quickly (tmux, with its escape-time, delivers the pair as `M-j`).
 *   Dropped, the Esc would be lost and the letters after it taken as commands (`Esc /bil` switched
 *   the language: `b`, `i`, `l` instead of a filter).
 * - Several plain characters in one read (fast typing, a paste, tmux send-keys) are one key each.
 */
export function keyPresses(input: string, key: Key): [string, Key][] {
  if (key.meta) return [['', { ...noKey, escape: true }], ...keyPresses(input, { ...key, meta: false })];
  if (input.length > 1 && !key.ctrl) {
    return [...input].map((character): [string, Key] => {
      const enter = character === '\r' || character === '\n';
      return [enter ? '' : character, { ...key, return: enter }];
    });
  }
  return [[input, key]];
}
