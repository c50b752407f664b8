import { systemClock } from '../clock.js';
import { isApiError } from '../cloud/api-error.js';
import { createDispatcher } from '../cloud/transport.js';
import type { Credentials } from '../config/credentials.js';
import type { Settings } from '../config/settings.js';
import { createClients, resolveJobs } from '../connect.js';
import { messages } from '../i18n/index.js';
import { pollOnce } from '../monitor/poll-once.js';
import { renderJson } from '../output/json.js';
import { printable } from '../output/printable.js';
import { allAnswered, buildReport, describeError } from '../output/report.js';
import { renderTable } from '../output/table.js';
import { userAgent } from '../version.js';

export interface OnceOptions {
  settings: Settings;
  credentials: Credentials;
  json: boolean;
  demo: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Polls every instance once and prints the result; resolves to the exit code. */
export async function runOnce({
  settings,
  credentials,
  json,
  demo,
  stdout,
  stderr,
}: OnceOptions): Promise<number> {
  const t = messages(settings.language);
  const dispatcher = createDispatcher({ timeoutMs: settings.timeoutMs, connections: settings.concurrency });
  try {
    const connection = { dispatcher, clock: systemClock, userAgent, language: () => settings.language };
    const clients = createClients(settings, credentials, connection);
    let jobs: Awaited<ReturnType<typeof resolveJobs>>;
    try {
      jobs = await resolveJobs(settings, clients);
    } catch (error) {
      if (!isApiError(error)) throw error;
      stderr.write(`gaussdb-top: listing instances failed: ${printable(describeError(error, t))}\n`);
      return 1;
    }
    if (jobs.length === 0) {
      stderr.write('gaussdb-top: the project lists no instances\n');
      return 1;
    }
    const results = await pollOnce(jobs, {
      concurrency: settings.concurrency,
      rate: settings.rate,
      clock: systemClock,
    });
    const report = buildReport(results, settings.thresholds, new Date());
    if (json) {
      stdout.write(renderJson(report, demo));
    } else {
      if (demo) stdout.write(`${t.demo}: ${t.demoNote}\n`);
      stdout.write(renderTable(report, t));
    }
    return allAnswered(report) ? 0 : 1;
  } finally {
    await dispatcher.destroy();
  }
}
