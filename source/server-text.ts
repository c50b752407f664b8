import stringWidth from 'string-width';
import { maskSecrets } from './secrets.js';

// Text from a server (instance ids and names, error messages and codes, request ids) or from the user
// (names, config keys, flags) is shown on terminals, in titles, tables, JSON and stderr. Escape
// sequences in it could rewrite the user's terminal (OSC 8 links, concealed text, colours, cursor
// moves); bidi overrides and invisible characters make it read as something it is not. Neither ever
// reaches an output, and no known secret does either.

/**
 * Controls (C0, DEL, C1), format characters (bidi marks, overrides and isolates, zero-width spaces and
 * joiners, the BOM, soft hyphens, tags), line and paragraph separators, and lone surrogates.
 */
const unsafe = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const replacement = '\uFFFD';

/** The text with secrets masked and every unsafe character replaced by U+FFFD: safe on any terminal. */
export function printable(text: string): string {
  return maskSecrets(text).replace(unsafe, replacement);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `cells` terminal cells of the text, ending with `…` when it was cut. */
export function cutToCells(text: string, cells: number): string {
  if (stringWidth(text) <= cells) return text;
  let kept = '';
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const next = stringWidth(segment);
    if (width + next > cells - 1) break;
    kept += segment;
    width += next;
  }
  return `${kept}…`;
}

/** A server's string as the program keeps it: masked, printable and at most `cells` wide. */
export function serverText(text: string, cells: number): string {
  return cutToCells(printable(text), cells);
}

const hex = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;

/**
 * JSON text with every unsafe character written as a `\uXXXX` escape (UTF-16 units), so the document
 * is still valid JSON and parses back to the same strings. JSON.stringify already escapes C0 controls
 * inside strings; a raw newline outside them is the document's own layout and stays.
 */
export function escapeUnsafeInJson(json: string): string {
  return json.replace(unsafe, (character) => {
    if (character === '\n') return character;
    let escaped = '';
    for (let index = 0; index < character.length; index++) escaped += hex(character.charCodeAt(index));
    return escaped;
  });
}
