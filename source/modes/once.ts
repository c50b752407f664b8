import type { Credentials } from '../config/credentials.js';
import type { Settings } from '../config/settings.js';
import { openConnection } from '../connect.js';
import { recordingProblemText } from '../feed/recording-switch.js';
import { pollRound } from '../feed/round-feed.js';
import { messages } from '../i18n/index.js';
import { renderJson } from '../output/json.js';
import { allAnswered, buildReport } from '../output/report.js';
import { renderTable } from '../output/table.js';
import { startRecording } from '../record/recording.js';
import { printable } from '../server-text.js';
import { systemClock, systemTimers } from '../time.js';
import { explainFailures, explainNoInstances } from './listing-problems.js';

export interface OnceOptions {
  settings: Settings;
  credentials: Credentials;
  json: boolean;
  /** The table always shows instance ids (without it, only when some name differs from its id). */
  wide?: boolean;
  demo: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Polls every instance once and prints the result; resolves to the exit code. Failed listings are
 * named on stderr and make the exit status 1, but the other targets are polled.
 */
export async function runOnce({
  settings,
  credentials,
  json,
  wide = false,
  demo,
  stdout,
  stderr,
}: OnceOptions): Promise<number> {
  const t = messages(settings.language);
  if (settings.insecure) stderr.write(`gaussdb-top: warning: ${t.insecureWarning}\n`);
  const connection = openConnection(settings, credentials, () => settings.language);
  try {
    const resolved = await connection.jobs();
    explainFailures(resolved.failures, settings, stderr);
    explainNoInstances(resolved, stderr);
    if (resolved.jobs.length === 0) return 1;
    const feed = await pollRound(resolved.jobs, {
      concurrency: settings.concurrency,
      rate: settings.rate,
      thresholds: settings.thresholds,
      language: settings.language,
      clock: systemClock,
      timers: systemTimers,
    });
    if (settings.record) {
      const recording = startRecording({
        ...settings,
        feed,
        target: settings.record,
        clock: systemClock,
        timers: systemTimers,
      });
      await recording.stop();
      const state = recording.getState();
      if (state.state === 'failed') {
        const reason = recordingProblemText(state, t);
        stderr.write(
          `gaussdb-top: warning: ${t.recording.warning(printable(settings.record.path), reason)}\n`,
        );
      }
    }
    const report = buildReport(feed, new Date());
    if (json) {
      stdout.write(renderJson(report, demo));
    } else {
      if (demo) stdout.write(`${t.demo}: ${t.demoNote}\n`);
      stdout.write(renderTable(report, t, { wide }));
    }
    return allAnswered(report) && resolved.failures.length === 0 ? 0 : 1;
  } finally {
    await connection.close();
  }
}
