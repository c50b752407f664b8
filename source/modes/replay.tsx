import { basename } from 'node:path';
import chalk from 'chalk';
import type { Instance } from 'ink';
import type { Options } from '../config/settings.js';
import { openReplay } from '../feed/replay-feed.js';
import type { RecordingIndex } from '../record/recording-index.js';
import { printable } from '../server-text.js';
import { systemClock, systemTimers } from '../time.js';
import { loadScreen } from '../ui/load-screen.js';
import { colorLevel, drawsUnicode } from '../ui/terminal-capabilities.js';
import { titleSequence } from '../ui/terminal-title.js';
import { createTheme } from '../ui/theme.js';
import { timeFlag } from './replay-open.js';
import { homeAndErase, onExitSignals, restoreTitle, saveTitle } from './terminal-session.js';

export interface ReplayScreenOptions {
  path: string;
  index: RecordingIndex;
  /** A typed time to start at, else the start of the recording. */
  at: string | undefined;
  options: Pick<Options, 'language' | 'ascii'>;
  color: boolean;
  stdout: NodeJS.WriteStream;
}

/** `gaussdb-top replay FILE`: the grid on recorded data until the user quits; resolves to the exit code. */
export async function runReplayScreen({ path, index, at, options, color, stdout }: ReplayScreenOptions) {
  const start = at === undefined ? index.start : timeFlag('--at', at, index, index.start);
  const screen = loadScreen();
  const feed = await openReplay(index, {
    language: options.language,
    clock: systemClock,
    timers: systemTimers,
    at: start,
  });
  try {
    const { render, LiveApp } = await screen;
    chalk.level = colorLevel(process.env);
    const theme = createTheme(color, options.ascii || !drawsUnicode(process.env));
    const target = printable(basename(path));
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
        thresholds={feed.thresholds}
        target={target}
        onTitle={onTitle}
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
  } finally {
    await feed.replay.close();
  }
}
