import type { Level } from '../monitor/severity.js';

export interface LevelStyle {
  /** Ink colour name, or undefined without colour. */
  color: string | undefined;
  /** A mark that reads without colour. */
  glyph: string;
  bold: boolean;
}

const palette: Record<Level, { color: string; glyph: string; bold: boolean }> = {
  ok: { color: 'green', glyph: '·', bold: false },
  warn: { color: 'yellow', glyph: '▲', bold: false },
  crit: { color: 'red', glyph: '✖', bold: true },
  error: { color: 'magenta', glyph: '?', bold: true },
};

export interface Theme {
  color: boolean;
  level(level: Level): LevelStyle;
  /** An accent colour (headings, LIVE), or undefined without colour. */
  accent: string | undefined;
  pausedColor: string | undefined;
}

export function createTheme(color: boolean): Theme {
  return {
    color,
    level: (level) => ({ ...palette[level], color: color ? palette[level].color : undefined }),
    accent: color ? 'cyan' : undefined,
    pausedColor: color ? 'yellow' : undefined,
  };
}

/** Colour is off when asked (`--no-color`) or when NO_COLOR is set to anything non-empty. */
export function colorWanted(flag: boolean, env: NodeJS.ProcessEnv): boolean {
  return flag && !env.NO_COLOR;
}
