// Reading what a program wrote to its terminal for the bell and notifications: tmux's passthrough
// wrapper (ESC P tmux; ... ESC \, every ESC inside doubled) is undone first, so the counts are the
// same inside and outside tmux.

/** The output with each tmux passthrough wrapper replaced by what it carries. */
export function unwrapPassthrough(raw: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences
  return raw.replace(/\u001BPtmux;((?:[^\u001B]|\u001B\u001B)*)\u001B\\/g, (_, inner: string) =>
    inner.replaceAll('\u001B\u001B', '\u001B'),
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal sequences
const osc = /\u001B\](\d+);([^\u0007\u001B]*)(?:\u0007|\u001B\\)/g;

/** BEL bytes the program rang: not those that end an OSC sequence (the title, the clipboard, notifications). */
export function bells(raw: string): number {
  const withoutOsc = unwrapPassthrough(raw).replace(osc, '');
  return [...withoutOsc].filter((character) => character === '\u0007').length;
}

/** The desktop notifications: the text of each OSC 9 and of each OSC 777 `notify`. */
export function notifications(raw: string): { osc9: string[]; osc777: string[] } {
  const found = { osc9: [] as string[], osc777: [] as string[] };
  for (const [, number, body = ''] of unwrapPassthrough(raw).matchAll(osc)) {
    if (number === '9') found.osc9.push(body);
    if (number === '777' && body.startsWith('notify;')) found.osc777.push(body);
  }
  return found;
}
