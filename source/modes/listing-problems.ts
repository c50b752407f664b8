import type { Settings } from '../config/settings.js';
import { messages } from '../i18n/index.js';
import { describeError } from '../output/report.js';
import type { DiscoveryFailure, ResolvedJobs } from '../resolve-jobs.js';
import { printable } from '../server-text.js';

/** Every failed listing, one line each on stderr, naming its target. */
export function explainFailures(
  failures: readonly DiscoveryFailure[],
  settings: Settings,
  stderr: NodeJS.WritableStream,
): void {
  const t = messages(settings.language);
  for (const { target, error } of failures) {
    stderr.write(
      `gaussdb-top: listing instances of ${printable(target)} failed: ${printable(describeError(error, t))}\n`,
    );
  }
}

/**
 * Says on stderr that there is nothing to poll, unless a failed listing already explains why; true
 * when it said so.
 */
export function explainNoInstances(resolved: ResolvedJobs, stderr: NodeJS.WritableStream): boolean {
  if (resolved.jobs.length > 0 || resolved.failures.length > 0) return false;
  stderr.write('gaussdb-top: the project lists no instances\n');
  return true;
}
