import type { Key } from 'ink';
import type { Language } from '../language.js';

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
  | 'copy'
  | 'toggleRecording';

export type Screen = 'grid' | 'help' | 'details';

/** The exit status of Ctrl-C, as shells and other tools use for an interrupt (128 + SIGINT). */
export const interruptExitCode = 130;

/** Words for people, in every language: the compiler asks for each. */
export type HelpText = Record<Language, string>;

/** A key as the table writes it: one character, `key:<name>` for a named key of ink's Key, or `ctrl:c`. */
export type KeySpec = string;

export interface Binding {
  /** Its keys on each screen where it works. */
  keys: Partial<Record<Screen, readonly KeySpec[]>>;
  /** What it does, for `?`: a line of its own, or a place on another action's line (down beside up). */
  help: HelpText | { sharesLineOf: Action };
  /** Its word in the footer, for the few actions named there; the footer shows its first key. */
  hint?: HelpText;
}

const everywhere = (keys: readonly KeySpec[]) => ({ grid: keys, help: keys, details: keys });
/** Keys that work on the grid and in the details view alike. */
const browsing = (keys: readonly KeySpec[]) => ({ grid: keys, details: keys });

/**
 * Every action, its keys and its words. Every action has a plain letter too: Esc and F-keys lag or
 * vanish under tmux, screen and PuTTY. `?` lists the actions in this order and the footer its hints.
 */
export const bindings: Record<Action, Binding> = {
  quit: {
    keys: { grid: ['q'] },
    help: { 'en-us': 'quit', 'zh-cn': '退出' },
    hint: { 'en-us': 'quit', 'zh-cn': '退出' },
  },
  interrupt: { keys: everywhere(['ctrl:c']), help: { sharesLineOf: 'quit' } },
  togglePause: {
    keys: browsing(['p', ' ']),
    help: { 'en-us': 'pause / resume polling', 'zh-cn': '暂停 / 继续轮询' },
    hint: { 'en-us': 'pause', 'zh-cn': '暂停' },
  },
  refresh: {
    keys: browsing(['r']),
    help: { 'en-us': 'refresh every instance now', 'zh-cn': '立即刷新所有实例' },
    hint: { 'en-us': 'refresh', 'zh-cn': '刷新' },
  },
  toggleLanguage: {
    keys: browsing(['l']),
    help: { 'en-us': 'switch language (中文 / English)', 'zh-cn': '切换语言（English / 中文）' },
    // The footer names the other language, in that language: whoever cannot read this one can find it.
    hint: { 'en-us': '中文', 'zh-cn': 'English' },
  },
  filter: {
    keys: { grid: ['/'] },
    help: { 'en-us': 'filter by name or id / clear the filter', 'zh-cn': '按名称或 ID 过滤 / 清除过滤' },
    hint: { 'en-us': 'filter', 'zh-cn': '过滤' },
  },
  clearFilter: { keys: { grid: ['key:escape'] }, help: { sharesLineOf: 'filter' } },
  nextSort: {
    keys: { grid: ['s'] },
    help: { 'en-us': 'next sort column / reverse', 'zh-cn': '下一排序列 / 反向' },
    hint: { 'en-us': 'sort', 'zh-cn': '排序' },
  },
  reverseSort: { keys: { grid: ['S'] }, help: { sharesLineOf: 'nextSort' } },
  details: {
    keys: { grid: ['key:return', 'd'] },
    help: { 'en-us': 'details of the selected instance', 'zh-cn': '所选实例详情' },
    hint: { 'en-us': 'details', 'zh-cn': '详情' },
  },
  up: { keys: browsing(['key:upArrow', 'k']), help: { 'en-us': 'move', 'zh-cn': '移动' } },
  down: { keys: browsing(['key:downArrow', 'j']), help: { sharesLineOf: 'up' } },
  pageUp: {
    keys: browsing(['key:pageUp', 'b']),
    help: { 'en-us': 'page up / down', 'zh-cn': '上一页 / 下一页' },
  },
  pageDown: { keys: browsing(['key:pageDown', 'f']), help: { sharesLineOf: 'pageUp' } },
  first: {
    keys: browsing(['g', 'key:home']),
    help: { 'en-us': 'first / last', 'zh-cn': '第一行 / 最后一行' },
  },
  last: { keys: browsing(['G', 'key:end']), help: { sharesLineOf: 'first' } },
  intervalUp: {
    keys: browsing(['+', '=']),
    help: { 'en-us': 'longer / shorter interval', 'zh-cn': '加长 / 缩短轮询间隔' },
  },
  intervalDown: { keys: browsing(['-', '_']), help: { sharesLineOf: 'intervalUp' } },
  copy: {
    keys: browsing(['y']),
    help: {
      'en-us': 'copy the id (in details: the request id) to the clipboard',
      'zh-cn': '复制 ID（详情中为请求 ID）到剪贴板',
    },
  },
  toggleRecording: {
    keys: browsing(['R']),
    help: { 'en-us': 'stop / resume recording (--record)', 'zh-cn': '停止 / 继续录制（--record）' },
  },
  help: {
    keys: { grid: ['?', 'h'] },
    help: { 'en-us': 'this help', 'zh-cn': '本帮助' },
    hint: { 'en-us': 'help', 'zh-cn': '帮助' },
  },
  back: {
    keys: { help: ['key:escape', 'q', '?', 'h'], details: ['key:escape', 'q', 'key:return'] },
    help: { 'en-us': 'back from details or help', 'zh-cn': '从详情或帮助返回' },
  },
};

export const actions = Object.keys(bindings) as Action[];

type Matcher = { input?: string; key?: keyof Key; ctrl: boolean };

function matcher(spec: KeySpec): Matcher {
  if (spec.startsWith('key:')) return { key: spec.slice(4) as keyof Key, ctrl: false };
  if (spec.startsWith('ctrl:')) return { input: spec.slice(5), ctrl: true };
  return { input: spec, ctrl: false };
}

const keymaps = Object.fromEntries(
  (['grid', 'help', 'details'] as const).map((screen) => [
    screen,
    actions.flatMap((action) =>
      (bindings[action].keys[screen] ?? []).map((spec) => [matcher(spec), action] as const),
    ),
  ]),
) as Record<Screen, (readonly [Matcher, Action])[]>;

/** The action a key press means on a screen; Ctrl-C interrupts everywhere, other Ctrl and Meta keys nothing. */
export function actionFor(screen: Screen, input: string, key: Key): Action | undefined {
  const plain = !key.ctrl && !key.meta;
  for (const [candidate, action] of keymaps[screen]) {
    const matches = candidate.ctrl
      ? key.ctrl && candidate.input === input
      : plain && (candidate.key ? key[candidate.key] === true : candidate.input === input);
    if (matches) return action;
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
