/**
 * Characters that must never reach an output raw: C0 and C1 controls, DEL, bidi marks, embeddings,
 * overrides and isolates, zero-width characters, the BOM, line and paragraph separators.
 */
export const unsafeText =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** What a hostile server puts in its strings: a hyperlink, concealed text, colours, a CSI, bidi tricks. */
export const hostile = {
  invisible: '\u200B\u061C\uFEFF\u00AD',
  bidi: '\u202Eevil\u202C\u2066x\u2069',
  c1: '\u009B2J\u0085',
  concealed: '\u001B[8mhidden\u001B[28m',
  colour: '\u001B[38;2;1;2;3mtinted\u001B[0m',
  hyperlink: '\u001B]8;;https://evil.example/\u0007click\u001B]8;;\u0007',
};

export const allHostile = Object.values(hostile).join(' ');
