import chalk, { type ChalkInstance } from 'chalk';

export type Style = { color?: string | undefined; bold?: boolean; dim?: boolean };

/** Text in a colour (an ink colour name), bold or dim, as one string: a grid row is one Text node. */
export function paint(text: string, style: Style): string {
  let brush: ChalkInstance = chalk;
  if (style.color) brush = (brush as unknown as Record<string, ChalkInstance>)[style.color] ?? brush;
  if (style.bold) brush = brush.bold;
  if (style.dim) brush = brush.dim;
  return brush === chalk ? text : brush(text);
}
