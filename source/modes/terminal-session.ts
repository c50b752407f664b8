/** The escape sequences and process signals around the live screen, outside what Ink draws. */

/** xterm's title stack (tmux keeps one too): push the user's title at start, pop it on every exit. */
export const saveTitle = '\u001B[22;0t';
export const restoreTitle = '\u001B[23;0t';

/**
 * Cursor home, then erase to the end of the screen: the start of a full repaint. Absolute, unlike the
 * cursor-relative erase of an incremental frame, which lands on the wrong rows once the terminal has
 * rewrapped or cut the old frame.
 */
export const homeAndErase = '\u001B[H\u001B[J';

/**
 * OSC 52: put `text` on the clipboard of the terminal the user sits at. It travels through SSH, and
 * through tmux with `set-clipboard on`. The text is base64, so nothing in it can act as a sequence.
 */
export function clipboardSequence(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Exit statuses after a signal: 128 + its number, as shells report a process ended by it. */
export const signalExitCodes = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 } as const;

/**
 * Calls `stop` with the exit status when SIGINT, SIGHUP or SIGTERM arrives, instead of dying at once:
 * the screen's own exit path then restores the terminal (screen, cursor, input mode, title). Returns
 * the function that removes the handlers.
 */
export function onExitSignals(stop: (code: number) => void): () => void {
  const handlers = Object.entries(signalExitCodes).map(([signal, code]) => {
    const handler = () => stop(code);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
