import type { Language } from '../language.js';
import { type Action, actions, bindings, type KeySpec, type Screen } from './keymap.js';

/** How keys are written for people; letters and signs as they are. */
const keyNames: Record<string, string | Record<Language, string>> = {
  'key:upArrow': '↑',
  'key:downArrow': '↓',
  'key:pageUp': 'PgUp',
  'key:pageDown': 'PgDn',
  'key:home': 'Home',
  'key:end': 'End',
  'key:return': 'Enter',
  'key:escape': 'Esc',
  'ctrl:c': 'Ctrl-C',
  ' ': { 'en-us': 'space', 'zh-cn': '空格' },
};

export function keyName(spec: KeySpec, language: Language): string {
  const name = Object.hasOwn(keyNames, spec) ? keyNames[spec] : spec;
  return typeof name === 'string' || name === undefined ? (name ?? spec) : name[language];
}

/** The keys `?` shows for an action: those that work on every screen it works on (Esc and q go back). */
export function shownKeys(action: Action): KeySpec[] {
  const lists = Object.values(bindings[action].keys) as KeySpec[][];
  return (lists[0] ?? []).filter((spec) => lists.every((list) => list.includes(spec)));
}

export interface HelpLine {
  actions: Action[];
  /** `↑ ↓  k j`: the first key of each action, then the second of each... */
  keys: string;
  meaning: string;
}

/** The lines of `?`, one per action or group of actions, in the keymap's order. */
export function helpLines(language: Language, offered: (action: Action) => boolean = () => true): HelpLine[] {
  const lines: HelpLine[] = [];
  for (const action of actions) {
    const { help } = bindings[action];
    if ('sharesLineOf' in help || !offered(action)) continue;
    const grouped = [action, ...actions.filter((other) => sharesLineOf(other) === action && offered(other))];
    const keys = grouped.map(shownKeys);
    const positions = Math.max(...keys.map((list) => list.length));
    const columns = Array.from({ length: positions }, (_, index) =>
      keys.flatMap((list) => (list[index] === undefined ? [] : [keyName(list[index], language)])).join(' '),
    );
    lines.push({ actions: grouped, keys: columns.join('  '), meaning: help[language] });
  }
  return lines;
}

function sharesLineOf(action: Action): Action | undefined {
  const { help } = bindings[action];
  return 'sharesLineOf' in help ? help.sharesLineOf : undefined;
}

/** The footer's key hints: `q quit  p pause  …`, each with the first key of its action. */
export function footerHints(
  language: Language,
  screen: Screen = 'grid',
  offered: (action: Action) => boolean = () => true,
): string {
  return actions
    .flatMap((action) => {
      if (!offered(action)) return [];
      const { hint, keys } = bindings[action];
      const first = keys[screen]?.[0];
      return hint && first !== undefined ? [`${keyName(first, language)} ${hint[language]}`] : [];
    })
    .join('  ');
}
