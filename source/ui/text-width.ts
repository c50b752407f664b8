import { eastAsianWidth } from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';

/**
 * Text of code points that each stand alone as a character (no combining or joining marks, no
 * emoji drawn as pictures (a text-style symbol such as ✖ is fine), no Hangul jamo, nothing invisible, nothing outside the Basic Multilingual Plane). For such
 * text, string-width's answer is the sum of each code point's East Asian Width, so it can be had
 * without its grapheme segmenter and emoji tables (test/ui/text-width.test.ts checks every code point).
 * U+0D4E is a prepended letter; U+0E33 and U+0EB3 are letters that combine like spacing marks.
 */
const standalone =
  /^[\p{Grapheme_Base}--\p{M}--\p{Emoji_Presentation}--\p{Default_Ignorable_Code_Point}--[\u0D4E\u0E33\u0EB3\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{10000}-\u{10FFFF}]]*$/v;
const printableAscii = /^[\u0020-\u007E]*$/;

export type StringWidth = (
  text: string,
  options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean },
) => number;

/**
 * string-width's answers, quickly for the text a monitor draws: names, counts, box and block
 * symbols, CJK labels. Anything else goes to `fullWidth` (string-width itself).
 *
 * Why: string-width builds an Intl.Segmenter and a regular expression of every emoji sequence when
 * it loads and first runs, about 30 ms, which was a quarter of the time to the first frame; and its
 * segmenter is the slowest part of drawing a frame with symbols in it (bench/README.md).
 */
export function createTextWidth(fullWidth: () => StringWidth): StringWidth {
  return (text, options) => {
    if (typeof text !== 'string' || options?.countAnsiEscapeCodes || options?.ambiguousIsNarrow === false) {
      return fullWidth()(text, options);
    }
    const plain = text.includes('\u001B') || text.includes('\u009B') ? stripAnsi(text) : text;
    if (printableAscii.test(plain)) return plain.length;
    if (!standalone.test(plain)) return fullWidth()(text, options);
    let width = 0;
    for (const character of plain) width += eastAsianWidth(character.codePointAt(0) as number);
    return width;
  };
}
