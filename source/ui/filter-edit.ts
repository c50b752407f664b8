import type { Key } from 'ink';

/** What a key does to a filter being typed: the grid's and the sessions tab's alike. */
export type FilterEdit =
  | { kind: 'interrupt' }
  | { kind: 'end'; keep: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'none' };

/** Esc drops the filter, Enter keeps it, Backspace removes a character, printable text is typed. */
export function filterEdit(filter: string, input: string, key: Key): FilterEdit {
  if (key.ctrl && input === 'c') return { kind: 'interrupt' };
  if (key.escape) return { kind: 'end', keep: false };
  if (key.return) return { kind: 'end', keep: true };
  if (key.backspace || key.delete) return { kind: 'text', text: [...filter].slice(0, -1).join('') };
  // Pasted text may carry newlines or escapes; the filter line must stay one printable line.
  const typed = input.replace(/\p{Cc}/gu, '');
  return typed && !key.ctrl && !key.meta && !key.tab
    ? { kind: 'text', text: filter + typed }
    : { kind: 'none' };
}
