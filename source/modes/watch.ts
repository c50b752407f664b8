import type { Credentials } from '../config/credentials.js';
import type { Settings } from '../config/settings.js';
import { openConnection } from '../connect.js';
import { renderJson } from '../output/json.js';
import { allAnswered, buildReport } from '../output/report.js';
import { systemTimers } from '../time.js';
import { explainFailures, explainNoInstances } from './listing-problems.js';
import { type LivePolling, startLivePolling } from './live-polling.js';
import { onStdoutError } from './stdout-errors.js';
import { onExitSignals } from './terminal-session.js';

export interface WatchOptions {
  settings: Settings;
  credentials: Credentials;
  demo: boolean;
  /** Stop after this many documents; without it, until interrupted. */
  count?: number | undefined;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `--json --watch`: the live poller (its rate budget, 429 governor, backoff and credential rules)
 * behind one `--once --json` document per poll cycle, each on one line, for jq and log shippers. The
 * first document comes once every instance has answered or failed (or after one interval); then one
 * per interval. Resolves to the exit status: that of `--once` for the last document, 130 or 143 when
 * interrupted, 0 when the reader went away, 1 when stdout
 * failed otherwise (a full disk).
 */
export async function runWatch({ settings, credentials, demo, count, stdout, stderr }: WatchOptions) {
  const connection = openConnection(settings, credentials, () => settings.language);
  const stop = Promise.withResolvers<number>();
  const removeSignalHandlers = onExitSignals((code) => stop.resolve(code));
  // `| head -1` closes the pipe: that is the end of the run, not a failure; a full disk is one.
  const stopListening = onStdoutError(stdout, stderr, (code) => stop.resolve(code));
  let polling: LivePolling | undefined;
  try {
    const resolved = await connection.jobs();
    explainFailures(resolved.failures, settings, stderr);
    if (explainNoInstances(resolved, stderr) || resolved.jobs.length === 0) return 1;
    polling = startLivePolling(settings, connection, resolved);
    const { monitor, feed } = polling;
    monitor.start();
    let wait: Promise<void> = monitor.store.heardFromAll;
    let written = 0;
    let status = 0;
    for (;;) {
      const timer = Promise.withResolvers<void>();
      const handle = systemTimers.set(timer.resolve, settings.intervalMs);
      const interrupted = await Promise.race([
        wait.then(() => null),
        timer.promise.then(() => null),
        stop.promise,
      ]);
      systemTimers.clear(handle);
      if (interrupted !== null) return interrupted;
      monitor.store.flush();
      const report = buildReport(feed, new Date());
      stdout.write(renderJson(report, demo, 'line'));
      status = allAnswered(report) ? 0 : 1;
      if (count !== undefined && ++written >= count) return status;
      // From the second document on, one per interval.
      wait = new Promise(() => undefined);
    }
  } finally {
    removeSignalHandlers();
    stopListening();
    await polling?.stop();
    await connection.close();
  }
}
