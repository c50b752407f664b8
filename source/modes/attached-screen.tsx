import chalk from 'chalk';
import type { Instance } from 'ink';
import type { Feed } from '../feed/feed.js';
import type { Thresholds } from '../monitor/severity.js';
import { systemClock } from '../time.js';
import { loadScreen } from '../ui/load-screen.js';
import { colorLevel, drawsUnicode } from '../ui/terminal-capabilities.js';
import { titleSequence } from '../ui/terminal-title.js';
import { createTheme } from '../ui/theme.js';
import {
  clipboardSequence,
  homeAndErase,
  onExitSignals,
  restoreTitle,
  saveTitle,
} from './terminal-session.js';

export interface AttachedScreenOptions {
  feed: Feed;
  /** What the header calls the source: "poller 10.0.0.5:9464". */
  target: string;
  thresholds: Thresholds;
  ascii: boolean;
  color: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WritableStream;
}

/**
 * The live screen over a feed that polls nothing itself (a `serve` poller, Prometheus): the same
 * screen, sizing, title and exit handling as modes/live.tsx, without a monitor behind it.
 */
export async function runAttachedScreen(options: AttachedScreenOptions): Promise<number> {
  const { feed, stdout } = options;
  const { render, LiveApp } = await loadScreen();
  chalk.level = colorLevel(process.env);
  const theme = createTheme(options.color, options.ascii || !drawsUnicode(process.env));
  let shownTitle = '';
  const onTitle = (title: string) => {
    if (title === shownTitle) return;
    shownTitle = title;
    stdout.write(titleSequence(title));
  };
  const draw = () => (
    <LiveApp
      feed={feed}
      clock={systemClock}
      theme={theme}
      thresholds={options.thresholds}
      target={options.target}
      onTitle={onTitle}
      onCopy={(text) => stdout.write(clipboardSequence(text))}
      width={stdout.columns}
      height={stdout.rows}
    />
  );
  stdout.write(saveTitle);
  let instance: Instance | undefined;
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
    maxFps: 10,
    exitOnCtrlC: false,
    patchConsole: false,
    interactive: true,
  });
  try {
    const result = await instance.waitUntilExit();
    return signalled ?? (typeof result === 'number' ? result : 0);
  } finally {
    removeSignalHandlers();
    stdout.off('resize', repaint);
    stdout.write(restoreTitle);
  }
}
