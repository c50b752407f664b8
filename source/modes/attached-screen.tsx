import { alertSettings, startTerminalAlerts } from '../alert/terminal-alerts.js';
import type { Options } from '../config/settings.js';
import type { Feed } from '../feed/feed.js';
import type { Thresholds } from '../monitor/severity.js';
import { systemClock, systemTimers } from '../time.js';
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
  /** `--bell` and `--notify`: on the levels this screen shows, as on a screen that polls itself. */
  alerts: Pick<Options, 'bell' | 'notify'>;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WritableStream;
}

/**
 * The live screen over a feed that polls nothing itself (a `serve` poller, Prometheus): the same
 * screen, sizing, title, alerts and exit handling as modes/live.tsx, without a monitor behind it.
 */
export async function runAttachedScreen(options: AttachedScreenOptions): Promise<number> {
  const { feed, stdout } = options;
  const stopAlerts = startTerminalAlerts({
    ...alertSettings({ ...options.alerts, thresholds: options.thresholds }, process.env),
    feed,
    write: (text) => stdout.write(text),
    clock: systemClock,
    timers: systemTimers,
  });
  try {
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
        alertsArmed={options.alerts.bell === true || options.alerts.notify === true}
        width={stdout.columns}
        height={stdout.rows}
      />
    );
    return await showFullScreen(render, draw, stdout);
  } finally {
    stopAlerts();
  }
}
