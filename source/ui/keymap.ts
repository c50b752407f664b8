import type { Key } from 'ink';

export type Action =
  | 'quit'
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
  | 'intervalDown';

export type Screen = 'grid' | 'help' | 'details';

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
];

const keymaps: Record<Screen, [Action, Binding[]][]> = {
  grid: (
    [
      ['quit', ['q']],
      ['clearFilter', ['key:escape']],
      ['help', ['?', 'h']],
      ['details', ['d', 'key:return']],
      ['filter', ['/']],
      ['nextSort', ['s']],
      ['reverseSort', ['S']],
      ...common,
    ] as [Action, string[]][]
  ).map(([action, specs]) => [action, specs.map(binding)]),
  help: ([['back', ['q', '?', 'h', 'key:escape']]] as [Action, string[]][]).map(([action, specs]) => [
    action,
    specs.map(binding),
  ]),
  details: ([['back', ['q', 'key:escape', 'key:return']], ...common] as [Action, string[]][]).map(
    ([action, specs]) => [action, specs.map(binding)],
  ),
};

/** The action a key press means on a screen; Ctrl-C quits everywhere. */
export function actionFor(screen: Screen, input: string, key: Key): Action | undefined {
  if (key.ctrl && input === 'c') return 'quit';
  if (key.ctrl || key.meta) return undefined;
  for (const [action, bindings] of keymaps[screen]) {
    if (
      bindings.some((candidate) => (candidate.key ? key[candidate.key] === true : candidate.input === input))
    )
      return action;
  }
  return undefined;
}
