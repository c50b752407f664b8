import { basename } from 'node:path';
import type { Options } from '../config/settings.js';
import { openReplay } from '../feed/replay-feed.js';
import type { RecordingIndex } from '../record/recording-index.js';
import { printable } from '../server-text.js';
import { systemClock, systemTimers } from '../time.js';
import { loadScreen } from '../ui/load-screen.js';
import { screenTheme, showFullScreen, titleWriter } from './full-screen.js';
import { timeFlag } from './replay-open.js';
import { clipboardSequence } from './terminal-session.js';

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
    const theme = screenTheme(color, options.ascii, process.env);
    const target = printable(basename(path));
    const onTitle = titleWriter(stdout);
    const draw = () => (
      <LiveApp
        feed={feed}
        clock={systemClock}
        theme={theme}
        thresholds={feed.thresholds}
        target={target}
        onTitle={onTitle}
        onCopy={(text) => stdout.write(clipboardSequence(text))}
        width={stdout.columns}
        height={stdout.rows}
      />
    );
    return await showFullScreen(render, draw, stdout);
  } finally {
    await feed.replay.close();
  }
}
