import type { Language } from '../language.js';
import { type Action, actions, bindings, type KeySpec, type Screen } from './keymap.js';

/** How keys are written for people; letters and signs as they are. */
const keyNames: Record<string, string | Record<Language, string>> = {
  'key:upArrow': '↑',
  'key:downArrow': '↓',
  'key:leftArrow': '←',
  'key:rightArrow': '→',
  'key:pageUp': 'PgUp',
  'key:pageDown': 'PgDn',
  'key:home': 'Home',
  'key:end': 'End',
  'key:return': 'Enter',
  'key:escape': 'Esc',
  'key:tab': 'Tab',
  'ctrl:c': 'Ctrl-C',
  ' ': { 'en-us': 'space', 'zh-cn': '空格' },
};

export function keyName(spec: KeySpec, language: Language): string {
  const name = Object.hasOwn(keyNames, spec) ? keyNames[spec] : spec;
  return typeof name === 'string' || name === undefined ? (name ?? spec) : name[language];
}

/**
 * The keys `?` shows for an action: those that work on every screen it works on (Esc and q go back),
 * less any that an earlier action the feed offers takes first (Enter opens the sessions page where
 * there is one, so it is not also shown for the details).
 */
export function shownKeys(action: Action, offered: (action: Action) => boolean = () => true): KeySpec[] {
  const lists = Object.values(bindings[action].keys) as KeySpec[][];
  const earlier = actions.slice(0, actions.indexOf(action)).filter(offered);
  const takenFirst = (spec: KeySpec) =>
    earlier.some((other) =>
      (Object.keys(bindings[action].keys) as Screen[]).some((screen) =>
        bindings[other].keys[screen]?.includes(spec),
      ),
    );
  return (lists[0] ?? []).filter((spec) => lists.every((list) => list.includes(spec)) && !takenFirst(spec));
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
    const keys = grouped.map((one) => shownKeys(one, offered));
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
  // On a page, the way back comes first: a narrow pane cuts the hints from the right.
  const order =
    screen === 'grid' ? actions : ['back' as const, ...actions.filter((action) => action !== 'back')];
  return order
    .flatMap((action) => {
      if (!offered(action)) return [];
      const { hint, keys } = bindings[action];
      const first = keys[screen]?.[0];
      return hint && first !== undefined ? [`${keyName(first, language)} ${hint[language]}`] : [];
    })
    .join('  ');
}
