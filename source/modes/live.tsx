import { homedir } from 'node:os';
import { alertSettings, startTerminalAlerts } from '../alert/terminal-alerts.js';
import type { CredentialChoice } from '../config/credential-notice.js';
import type { Credentials } from '../config/credentials.js';
import type { Settings } from '../config/settings.js';
import { type Connection, openConnection } from '../connect.js';
import { fileKillAudit, killLogPath } from '../monitor/kill-log.js';
import type { Monitor } from '../monitor/monitor.js';
import { systemClock, systemTimers } from '../time.js';
import { loadScreen } from '../ui/load-screen.js';
import { screenTheme, showFullScreen, titleWriter } from './full-screen.js';
import { startHeapTrim } from './heap-trim.js';
import { explainNoInstances } from './listing-problems.js';
import { type LivePolling, startLivePolling } from './live-polling.js';
import { startMemoryLog } from './memory-log.js';
import { clipboardSequence, restoreTitle } from './terminal-session.js';

export interface LiveOptions {
  settings: Settings;
  credentials: Credentials;
  /** Which credentials are used and which ignored, for the help screen. */
  credentialChoice?: CredentialChoice | undefined;
  demo: boolean;
  color: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WritableStream;
}

/** The longest the first frame waits for the first answers, counted from the first request. */
const firstFrameWaitMs = 300;

function settledOrAfter(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = systemTimers.set(resolve, ms);
    promise.then(() => {
      systemTimers.clear(timer);
      resolve();
    });
  });
}

/** What the header calls the target: the endpoint's host, and how many more there are. */
export function targetLabel(settings: Settings): string {
  const hosts = [...new Set(settings.targets.map((target) => new URL(target.endpoint).host))];
  return hosts.length > 1 ? `${hosts[0]} +${hosts.length - 1}` : (hosts[0] ?? '');
}

/** The full-screen grid until the user quits; resolves to the exit code. */
export async function runLive({
  settings,
  credentials,
  credentialChoice,
  demo,
  color,
  stdout,
  stderr,
}: LiveOptions): Promise<number> {
  // Ink and React take a good part of start-up to load: load them while instances are being listed.
  const screen = loadScreen();
  let monitor: Monitor | undefined;
  let polling: LivePolling | undefined;
  let connection: Connection | undefined;
  let stopAlerts: (() => void) | undefined;
  try {
    connection = openConnection(settings, credentials, () => monitor?.language() ?? settings.language);
    const resolved = await connection.jobs();
    if (explainNoInstances(resolved, stderr)) return 1;
    polling = startLivePolling(
      settings,
      connection,
      resolved,
      fileKillAudit(killLogPath(process.env, homedir())),
    );
    const { feed, recording } = polling;
    const live = polling.monitor;
    monitor = live;
    stopAlerts = startTerminalAlerts({
      ...alertSettings(settings, process.env),
      feed,
      write: (text) => stdout.write(text),
      clock: systemClock,
      timers: systemTimers,
    });
    // Polling starts while the screen is still loading, and the first frame waits a moment for every
    // instance's first answer: usually all are in by the time the screen has loaded, and the first
    // frame is whole instead of a grid of blanks filled in a moment later.
    live.start();
    const firstRound = settledOrAfter(live.store.heardFromAll, firstFrameWaitMs);
    const onTitle = titleWriter(stdout);
    const { render, LiveApp } = await screen;
    await firstRound;
    live.store.flush();
    // Started before the screen opens, so a log that cannot be written is said on the normal screen.
    const memoryLog = startMemoryLog(process.env.GAUSSDB_TOP_MEMORY_LOG);
    // Thousands of answers a second never let V8 see the process idle and give its spare pages back.
    const heapTrim = startHeapTrim();
    const warnedEarly = memoryLog.problem !== undefined;
    if (warnedEarly) stderr.write(`gaussdb-top: warning: ${memoryLog.problem}\n`);
    const theme = screenTheme(color, settings.ascii, process.env);
    const target = targetLabel(settings);
    const onCopy = (text: string) => stdout.write(clipboardSequence(text));
    const draw = () => (
      <LiveApp
        feed={feed}
        clock={systemClock}
        theme={theme}
        thresholds={settings.thresholds}
        target={target}
        demo={demo}
        // TLS certificates unchecked: the header shows it as long as the screen is up.
        insecure={settings.insecure === true}
        onTitle={onTitle}
        credentialChoice={credentialChoice}
        onCopy={onCopy}
        recording={recording}
        alertsArmed={settings.bell === true || settings.notify === true}
        width={stdout.columns}
        height={stdout.rows}
      />
    );
    try {
      return await showFullScreen(render, draw, stdout, (screenInstance) => {
        // A crash must not leave the terminal in the alternate screen with the error lost behind it.
        process.once('uncaughtException', (error) => {
          screenInstance.unmount();
          stdout.write(restoreTitle);
          stderr.write(`gaussdb-top: unexpected failure: ${error.stack ?? error.message}\n`);
          process.exit(70);
        });
      });
    } finally {
      memoryLog.stop();
      heapTrim.stop();
      // A log that failed while the screen was up is said once it has closed.
      if (memoryLog.problem && !warnedEarly) stderr.write(`gaussdb-top: warning: ${memoryLog.problem}\n`);
    }
  } finally {
    // Also when the screen failed to load or draw: nothing keeps polling behind an error.
    stopAlerts?.();
    await polling?.stop();
    await connection?.close();
  }
}
