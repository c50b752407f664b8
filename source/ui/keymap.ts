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
  | 'drill'
  | 'nextTab'
  | 'previousTab'
  | 'showTab'
  | 'nextNode'
  | 'kill'
  | 'copyId'
  | 'toggleRecording'
  | ReplayAction;

/** The keys of a replay's timeline (offered only by a feed that can seek). */
export type ReplayAction =
  | 'playPause'
  | 'stepBack'
  | 'stepForward'
  | 'slower'
  | 'faster'
  | 'jumpTo'
  | 'timelineStart'
  | 'timelineEnd';

/** Where keys are read: the grid and its pages, and the drill-down page's tabs and its detail. */
export type Screen = 'grid' | 'help' | 'details' | 'drill' | 'session';
const screens: readonly Screen[] = ['grid', 'help', 'details', 'drill', 'session'];

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

const everywhere = (keys: readonly KeySpec[]) => ({
  grid: keys,
  help: keys,
  details: keys,
  drill: keys,
  session: keys,
});
/** Keys that work on the grid, in the details view and on the drill-down page alike. */
const browsing = (keys: readonly KeySpec[]) => ({ grid: keys, details: keys, drill: keys, session: keys });
/** Keys of the drill-down page, on its tabs and in a session's detail. */
const page = (keys: readonly KeySpec[]) => ({ drill: keys, session: keys });

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
    keys: { grid: ['/'], drill: ['/'] },
    help: { 'en-us': 'filter by name or id / clear the filter', 'zh-cn': '按名称或 ID 过滤 / 清除过滤' },
    hint: { 'en-us': 'filter', 'zh-cn': '过滤' },
  },
  clearFilter: { keys: { grid: ['key:escape'] }, help: { sharesLineOf: 'filter' } },
  nextSort: {
    keys: { grid: ['s'], drill: ['s'] },
    help: { 'en-us': 'next sort column / reverse', 'zh-cn': '下一排序列 / 反向' },
    hint: { 'en-us': 'sort', 'zh-cn': '排序' },
  },
  reverseSort: { keys: { grid: ['S'], drill: ['S'] }, help: { sharesLineOf: 'nextSort' } },
  // Before `details`: Enter opens the sessions page where the feed has one, else the details.
  drill: {
    keys: { grid: ['key:return'] },
    help: { 'en-us': 'sessions of the selected instance', 'zh-cn': '所选实例的会话' },
    hint: { 'en-us': 'sessions', 'zh-cn': '会话' },
  },
  details: {
    keys: { grid: ['d', 'key:return'], drill: ['key:return', 'd'] },
    help: {
      'en-us': 'details of the selected instance, session or statement',
      'zh-cn': '所选实例、会话或语句的详情',
    },
    hint: { 'en-us': 'details', 'zh-cn': '详情' },
  },
  nextTab: {
    keys: { drill: ['key:tab', 't'] },
    help: {
      'en-us': 'sessions page: next / previous tab, or tab 1…5',
      'zh-cn': '会话页：下一个 / 上一个标签，或标签 1…5',
    },
    hint: { 'en-us': 'tab', 'zh-cn': '标签' },
  },
  previousTab: { keys: { drill: ['T'] }, help: { sharesLineOf: 'nextTab' } },
  showTab: { keys: { drill: ['1', '2', '3', '4', '5'] }, help: { sharesLineOf: 'nextTab' } },
  nextNode: {
    keys: page(['n']),
    help: { 'en-us': 'sessions page: next node (CN / DN)', 'zh-cn': '会话页：下一个节点（CN / DN）' },
    hint: { 'en-us': 'node', 'zh-cn': '节点' },
  },
  kill: {
    keys: page(['K']),
    help: {
      'en-us': 'sessions page: kill the selected session (with --allow-kill; asks first)',
      'zh-cn': '会话页：终止所选会话（需 --allow-kill；先确认）',
    },
    hint: { 'en-us': 'kill', 'zh-cn': '终止' },
  },
  // A replay's timeline, before `first`/`last`: on a replay g and G mean its start and end (the rows
  // keep j/k, the arrows up and down, Home and End).
  ...replayBindings(),
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
      'en-us': 'copy the id (details: request id; sessions: SQL / session id)',
      'zh-cn': '复制 ID（详情：请求 ID；会话页：SQL / 会话 ID）',
    },
  },
  copyId: { keys: page(['Y']), help: { sharesLineOf: 'copy' } },
  toggleRecording: {
    keys: { grid: ['R'], details: ['R'] },
    help: { 'en-us': 'stop / resume recording (--record)', 'zh-cn': '停止 / 继续录制（--record）' },
  },
  help: {
    keys: { grid: ['?', 'h'] },
    help: { 'en-us': 'this help', 'zh-cn': '本帮助' },
    hint: { 'en-us': 'help', 'zh-cn': '帮助' },
  },
  back: {
    keys: {
      help: ['key:escape', 'q', '?', 'h'],
      details: ['key:escape', 'q', 'key:return'],
      drill: ['key:escape', 'q'],
      session: ['key:escape', 'q', 'key:return'],
    },
    help: {
      'en-us': 'back (from details, help or the sessions page)',
      'zh-cn': '返回（从详情、帮助或会话页）',
    },
    hint: { 'en-us': 'back', 'zh-cn': '返回' },
  },
};

/** The timeline's keys work on the grid and in the details (whose history moves with the replay). */
function replayBindings(): Record<ReplayAction, Binding> {
  const timeline = (keys: readonly KeySpec[]) => ({ grid: keys, details: keys });
  return {
    playPause: {
      keys: timeline([' ']),
      help: { 'en-us': 'replay: play / pause', 'zh-cn': '回放：播放 / 暂停' },
      hint: { 'en-us': 'play', 'zh-cn': '播放' },
    },
    stepBack: {
      keys: timeline(['key:leftArrow', ',']),
      help: { 'en-us': 'replay: 10 s back / forward', 'zh-cn': '回放：后退 / 前进 10 秒' },
      hint: { 'en-us': '10s', 'zh-cn': '10秒' },
    },
    stepForward: { keys: timeline(['key:rightArrow', '.']), help: { sharesLineOf: 'stepBack' } },
    slower: {
      keys: timeline(['[']),
      help: { 'en-us': 'replay: half / double speed', 'zh-cn': '回放：减速 / 加速一倍' },
      hint: { 'en-us': 'speed', 'zh-cn': '速度' },
    },
    faster: { keys: timeline([']']), help: { sharesLineOf: 'slower' } },
    jumpTo: {
      keys: timeline(['t']),
      help: {
        'en-us': 'replay: go to a time (03:12, 03:12:40, ISO)',
        'zh-cn': '回放：跳转到时间（03:12、03:12:40、ISO）',
      },
      hint: { 'en-us': 'time', 'zh-cn': '时间' },
    },
    timelineStart: {
      keys: timeline(['g']),
      help: { 'en-us': 'replay: start / end of the recording', 'zh-cn': '回放：录制的开头 / 结尾' },
    },
    timelineEnd: { keys: timeline(['G']), help: { sharesLineOf: 'timelineStart' } },
  };
}

export const actions = Object.keys(bindings) as Action[];

type Matcher = { input?: string; key?: keyof Key; ctrl: boolean };

function matcher(spec: KeySpec): Matcher {
  if (spec.startsWith('key:')) return { key: spec.slice(4) as keyof Key, ctrl: false };
  if (spec.startsWith('ctrl:')) return { input: spec.slice(5), ctrl: true };
  return { input: spec, ctrl: false };
}

const keymaps = Object.fromEntries(
  screens.map((screen) => [
    screen,
    actions.flatMap((action) =>
      (bindings[action].keys[screen] ?? []).map((spec) => [matcher(spec), action] as const),
    ),
  ]),
) as Record<Screen, (readonly [Matcher, Action])[]>;

/**
 * The action a key press means on a screen, among those `offered` (a key bound to two actions means
 * the first the feed can do). Ctrl-C interrupts everywhere, other Ctrl and Meta keys nothing.
 */
export function actionFor(
  screen: Screen,
  input: string,
  key: Key,
  offered: (action: Action) => boolean = () => true,
): Action | undefined {
  const plain = !key.ctrl && !key.meta;
  for (const [candidate, action] of keymaps[screen]) {
    if (!offered(action)) continue;
    const matches = candidate.ctrl
      ? key.ctrl && candidate.input === input
      : plain && (candidate.key ? key[candidate.key] === true : candidate.input === input);
    if (matches) return action;
  }
  return undefined;
}
