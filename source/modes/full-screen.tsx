import chalk from 'chalk';
import type { Instance, render as inkRender } from 'ink';
import type { ReactElement } from 'react';
import { colorLevel, drawsUnicode } from '../ui/terminal-capabilities.js';
import { titleSequence } from '../ui/terminal-title.js';
import { createTheme, type Theme } from '../ui/theme.js';
import { homeAndErase, onExitSignals, restoreTitle, saveTitle } from './terminal-session.js';

/**
 * The screen's marks and colours for this terminal. Colour or not, a level carries inverse, bold and
 * dim too (chalk's level); the theme decides about colour, and ASCII marks where Unicode is not drawn.
 */
export function screenTheme(color: boolean, ascii: boolean, env: NodeJS.ProcessEnv): Theme {
  chalk.level = colorLevel(env);
  return createTheme(color, ascii || !drawsUnicode(env));
}

/** Sets the terminal's title, only when it changes (the title is redrawn with every frame). */
export function titleWriter(stdout: NodeJS.WritableStream): (title: string) => void {
  let shown = '';
  return (title) => {
    if (title === shown) return;
    shown = title;
    stdout.write(titleSequence(title));
  };
}

/**
 * A screen on the alternate screen until the user quits or a signal ends it: the live grid, a replay,
 * a screen attached to a poller. Resolves to the exit status. `onOpen` sees the drawn instance (the
 * live screen restores the terminal from it when something crashes).
 */
export async function showFullScreen(
  render: typeof inkRender,
  draw: () => ReactElement,
  stdout: NodeJS.WriteStream,
  onOpen?: (instance: Instance) => void,
): Promise<number> {
  stdout.write(saveTitle);
  let instance: Instance | undefined;
  // Every resize is a full repaint: cleared from the top, drawn whole at the new size. Registered
  // before Ink's own resize handling, so nothing is drawn at the old size or relative to rows the
  // terminal has since rewrapped or cut (120 -> 80 columns left old rows and a second footer behind).
  const repaint = () => {
    if (!instance) return;
    stdout.write(homeAndErase);
    instance.clear();
    instance.rerender(draw());
  };
  stdout.on('resize', repaint);
  let signalled: number | undefined;
  const removeSignalHandlers = onExitSignals((code) => {
    signalled ??= code;
    instance?.unmount();
  });
  instance = render(draw(), {
    stdout,
    alternateScreen: true,
    incrementalRendering: true,
    // A monitor changes a few times per poll cycle; ten frames a second is plenty.
    maxFps: 10,
    exitOnCtrlC: false,
    patchConsole: false,
    // Draw on a terminal even when CI is set in the environment.
    interactive: true,
  });
  onOpen?.(instance);
  try {
    const result = await instance.waitUntilExit();
    return signalled ?? (typeof result === 'number' ? result : 0);
  } finally {
    removeSignalHandlers();
    stdout.off('resize', repaint);
    stdout.write(restoreTitle);
  }
}
