import wrapAnsi from 'wrap-ansi';

/** Text broken into lines of at most `cells` terminal cells (CJK counts two), at spaces where it can. */
export function wrapCells(text: string, cells: number): string[] {
  return wrapAnsi(text, Math.max(1, cells), { hard: true, trim: false }).split('\n');
}
