// Answers read straight from a recording's bytes, as the recorder writes them
// (`{"t":…,"i":…,"n":[a,b,c,d],"ms":…}`): no string, no object, no JSON.parse. A jump reads hundreds of
// thousands of them. Any other shape (keys in another order, keys a later version added) is not an
// answer here, and is left to `parseEvent`, which reads every form the format allows.

/** Where `scanAnswer` puts what it read: t, i, the four counts, then ms (-1 when absent). */
export const scanned = { t: 0, i: 1, counts: 2, ms: 6, length: 7 } as const;

const ascii = (text: string) => Uint8Array.from(text, (character) => character.charCodeAt(0));
const opening = ascii('{"t":');
const indexKey = ascii(',"i":');
const countsKey = ascii(',"n":[');
const msKey = ascii(',"ms":');
const [comma, closeList, closeObject, newline] = [44, 93, 125, 10];

function has(bytes: Uint8Array, at: number, word: Uint8Array): boolean {
  for (let index = 0; index < word.length; index++) if (bytes[at + index] !== word[index]) return false;
  return true;
}

/** Digits at `from` as a number into `out[slot]`; the index after them, or -1 (none, or too many). */
function digits(bytes: Uint8Array, from: number, out: Float64Array, slot: number): number {
  let value = 0;
  let at = from;
  for (let code = bytes[at] as number; code >= 48 && code <= 57; code = bytes[++at] as number)
    value = value * 10 + (code - 48);
  // Beyond 15 digits the sum may round differently from JSON.parse: left to it.
  if (at === from || at - from > 15) return -1;
  out[slot] = value;
  return at;
}

/**
 * Reads the answer on the line starting at `start` into `out` (see `scanned`). Returns where the
 * line's newline is, or -1 when the line is not an answer in the recorder's shape.
 */
export function scanAnswer(bytes: Uint8Array, start: number, out: Float64Array): number {
  if (!has(bytes, start, opening)) return -1;
  let at = digits(bytes, start + opening.length, out, scanned.t);
  if (at < 0 || !has(bytes, at, indexKey)) return -1;
  at = digits(bytes, at + indexKey.length, out, scanned.i);
  if (at < 0 || !has(bytes, at, countsKey)) return -1;
  at += countsKey.length;
  for (let count = 0; count < 4; count++) {
    at = digits(bytes, at, out, scanned.counts + count);
    if (at < 0 || bytes[at] !== (count === 3 ? closeList : comma)) return -1;
    at++;
  }
  out[scanned.ms] = -1;
  if (has(bytes, at, msKey)) at = digits(bytes, at + msKey.length, out, scanned.ms);
  if (at < 0 || bytes[at] !== closeObject || bytes[at + 1] !== newline) return -1;
  return at + 1;
}
