import type { Level } from '../monitor/severity.js';

export interface LevelStyle {
  /** Ink colour name, or undefined without colour. */
  color: string | undefined;
  /** A mark that reads without colour. */
  glyph: string;
  bold: boolean;
}

const palette: Record<Level, { color: string; bold: boolean }> = {
  ok: { color: 'green', bold: false },
  warn: { color: 'yellow', bold: false },
  crit: { color: 'red', bold: true },
  error: { color: 'magenta', bold: true },
};

/** The non-letter marks on screen; each has a plain ASCII stand-in. */
export interface Symbols {
  level: Record<Level, string>;
  selected: string;
  live: string;
  paused: string;
  sum: string;
  sortDown: string;
  sortUp: string;
  atLeast: string;
  ellipsis: string;
  /** Before the time since an instance came back to ok. */
  recovered: string;
  /** Sparkline bars, lowest to highest. */
  bars: string;
  /** The lock tree: before a waiter with more waiters after it, before the last, and the line that joins them. */
  treeBranch: string;
  treeLast: string;
  treePipe: string;
  /** Marks a cycle of lock waits. */
  cycle: string;
  /** A bar's filled (active) and empty (rest of the total) cells. */
  barFull: string;
  barEmpty: string;
  /** In the header while `--bell` or `--notify` is armed. */
  bell: string;
}

const unicode: Symbols = {
  level: { ok: '·', warn: '▲', crit: '✖', error: '?' },
  selected: '›',
  live: '●',
  paused: '❚❚',
  sum: 'Σ',
  sortDown: '↓',
  sortUp: '↑',
  atLeast: '≥',
  ellipsis: '…',
  recovered: '↺',
  bars: '▁▂▃▄▅▆▇█',
  treeBranch: '├─',
  treeLast: '└─',
  treePipe: '│',
  cycle: '↻',
  barFull: '█',
  barEmpty: '░',
  bell: '🔔',
};

/**
 * Most of the marks above are East Asian "ambiguous" width: terminals set to draw those wide (common
 * with Chinese fonts in PuTTY or Xshell) would misalign every row. `--ascii` avoids them all.
 */
const ascii: Symbols = {
  level: { ok: '.', warn: '!', crit: 'X', error: '?' },
  selected: '>',
  live: '*',
  paused: '||',
  sum: 'sum',
  sortDown: 'v',
  sortUp: '^',
  atLeast: '>=',
  ellipsis: '~',
  recovered: '^',
  bars: '_.-:=+*#',
  treeBranch: '|-',
  treeLast: '`-',
  treePipe: '|',
  cycle: '@',
  barFull: '#',
  barEmpty: '.',
  bell: 'BELL',
};

export interface Theme {
  color: boolean;
  symbols: Symbols;
  level(level: Level): LevelStyle;
  /** An accent colour (headings, LIVE), or undefined without colour. */
  accent: string | undefined;
  pausedColor: string | undefined;
}

export function createTheme(color: boolean, plainSymbols = false): Theme {
  const symbols = plainSymbols ? ascii : unicode;
  return {
    color,
    symbols,
    level: (level) => ({
      ...palette[level],
      glyph: symbols.level[level],
      color: color ? palette[level].color : undefined,
    }),
    accent: color ? 'cyan' : undefined,
    pausedColor: color ? 'yellow' : undefined,
  };
}

/** Colour is off when asked (`--no-color`) or when NO_COLOR is set to anything non-empty. */
export function colorWanted(flag: boolean, env: NodeJS.ProcessEnv): boolean {
  return flag && !env.NO_COLOR;
}
