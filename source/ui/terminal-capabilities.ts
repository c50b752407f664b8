/**
 * What the terminal can draw, from the environment alone. Used once gaussdb-top has decided to draw
 * the live screen on a terminal; nothing here asks whether stdout is one.
 */

/**
 * chalk's colour level for the live screen: from TERM and COLORTERM, never from CI variables (chalk's
 * own guess turns colour off when CI is set, even on a real terminal). At least 1 even when colour is
 * off: the level also carries inverse, bold and dim, which "no colour" keeps; the theme then simply
 * asks for no colour.
 */
export function colorLevel(env: NodeJS.ProcessEnv): 1 | 2 | 3 {
  if (/^(?:truecolor|24bit)$/i.test(env.COLORTERM ?? '')) return 3;
  if (/-(?:256(?:colou?r)?|direct)$/i.test(env.TERM ?? '')) return 2;
  return 1;
}

/**
 * Whether Unicode marks (✖ ▲ › ❚❚ ▁▂▃) can be drawn: not on a dumb terminal, and only when the locale
 * that decides the character set (LC_ALL, else LC_CTYPE, else LANG) names UTF-8. Anything else gets
 * the ASCII marks of `--ascii`.
 */
export function drawsUnicode(env: NodeJS.ProcessEnv): boolean {
  if ((env.TERM ?? '') === 'dumb') return false;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}
