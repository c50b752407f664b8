import type { Feed } from '../feed/feed.js';
import type { Thresholds } from '../monitor/severity.js';
import { systemClock } from '../time.js';
import { loadScreen } from '../ui/load-screen.js';
import { screenTheme, showFullScreen, titleWriter } from './full-screen.js';
import { clipboardSequence } from './terminal-session.js';

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
  const theme = screenTheme(options.color, options.ascii, process.env);
  const onTitle = titleWriter(stdout);
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
  return showFullScreen(render, draw, stdout);
}
