import type { Key } from 'ink';

export type Action =
  | 'quit'
  | 'interrupt'
  | 'back'
  | 'togglePause'
  | 'refresh'
  | 'toggleLanguage'
  | 'help'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'first'
  | 'last'
  | 'details'
  | 'filter'
  | 'clearFilter'
  | 'nextSort'
  | 'reverseSort'
  | 'intervalUp'
  | 'intervalDown'
  | 'copy';

export type Screen = 'grid' | 'help' | 'details';

/** The exit status of Ctrl-C, as shells and other tools use for an interrupt (128 + SIGINT). */
export const interruptExitCode = 130;

type Binding = { input?: string; key?: keyof Key };

const binding = (spec: string): Binding =>
  spec.startsWith('key:') ? { key: spec.slice(4) as keyof Key } : { input: spec };

/** Every action has a plain letter too: Esc and F-keys lag or vanish under tmux, screen and PuTTY. */
const common: [Action, string[]][] = [
  ['togglePause', ['p', ' ']],
  ['refresh', ['r']],
  ['toggleLanguage', ['l']],
  ['up', ['k', 'key:upArrow']],
  ['down', ['j', 'key:downArrow']],
  ['pageUp', ['b', 'key:pageUp']],
  ['pageDown', ['f', 'key:pageDown']],
  ['first', ['g', 'key:home']],
  ['last', ['G', 'key:end']],
  ['intervalUp', ['+', '=']],
  ['intervalDown', ['-', '_']],
  ['copy', ['y']],
];

const screens: Record<Screen, [Action, string[]][]> = {
  grid: [
    ['quit', ['q']],
    ['clearFilter', ['key:escape']],
    ['help', ['?', 'h']],
    ['details', ['d', 'key:return']],
    ['filter', ['/']],
    ['nextSort', ['s']],
    ['reverseSort', ['S']],
    ...common,
  ],
  help: [['back', ['q', '?', 'h', 'key:escape']]],
  details: [['back', ['q', 'key:escape', 'key:return']], ...common],
};

const keymaps = Object.fromEntries(
  Object.entries(screens).map(([screen, actions]) => [
    screen,
    actions.map(([action, specs]) => [action, specs.map(binding)] as const),
  ]),
) as Record<Screen, (readonly [Action, Binding[]])[]>;

/** The action a key press means on a screen; Ctrl-C interrupts everywhere. */
export function actionFor(screen: Screen, input: string, key: Key): Action | undefined {
  if (key.ctrl && input === 'c') return 'interrupt';
  if (key.ctrl || key.meta) return undefined;
  for (const [action, bindings] of keymaps[screen]) {
    if (
      bindings.some((candidate) => (candidate.key ? key[candidate.key] === true : candidate.input === input))
    )
      return action;
  }
  return undefined;
}

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
