import { createDispatcher } from '../cloud/transport.js';
import type { Credentials } from '../config/credentials.js';
import type { Settings } from '../config/settings.js';
import { createClients } from '../connect.js';
import { messages } from '../i18n/index.js';
import { pollOnce } from '../monitor/poll-once.js';
import { renderJson } from '../output/json.js';
import { allAnswered, buildReport } from '../output/report.js';
import { renderTable } from '../output/table.js';
import { jobsOrExplain } from '../resolve-jobs.js';
import { systemClock, systemTimers } from '../time.js';
import { userAgent } from '../version.js';

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

/** Polls every instance once and prints the result; resolves to the exit code. */
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
  const dispatcher = createDispatcher({ timeoutMs: settings.timeoutMs, connections: settings.concurrency });
  try {
    const connection = { dispatcher, clock: systemClock, userAgent, language: () => settings.language };
    const clients = createClients(settings, credentials, connection);
    const resolved = await jobsOrExplain(settings, clients, stderr);
    if (!resolved) return 1;
    const results = await pollOnce(resolved.jobs, {
      concurrency: settings.concurrency,
      rate: settings.rate,
      clock: systemClock,
      timers: systemTimers,
    });
    const report = buildReport(results, settings.thresholds, new Date());
    if (json) {
      stdout.write(renderJson(report, demo));
    } else {
      if (demo) stdout.write(`${t.demo}: ${t.demoNote}\n`);
      stdout.write(renderTable(report, t, { wide }));
    }
    return allAnswered(report) && resolved.failures.length === 0 ? 0 : 1;
  } finally {
    await dispatcher.destroy();
  }
}
