import type { Settings } from '../config/settings.js';
import { messages } from '../i18n/index.js';
import type { Monitor } from '../monitor/monitor.js';
import { Rediscovery } from '../monitor/rediscovery.js';
import { describeError } from '../output/report.js';
import type { DiscoveryFailure, ResolvedJobs } from '../resolve-jobs.js';
import { printable } from '../server-text.js';
import { systemClock, systemTimers } from '../time.js';

/**
 * The live screen's fleet: discovering targets are listed again every few minutes (new instances
 * appear, deleted ones go) and sooner while a listing fails; failures show in the header.
 */
export function watchFleet(
  monitor: Monitor,
  relist: () => Promise<ResolvedJobs>,
  first: readonly DiscoveryFailure[],
  settings: Settings,
): Rediscovery | undefined {
  if (!settings.targets.some((target) => target.discover)) return undefined;
  const words = (failures: readonly DiscoveryFailure[]) =>
    failures.map(({ target, error }) => ({
      target: printable(target),
      message: printable(describeError(error, messages(monitor.language()))),
    }));
  const rediscovery = new Rediscovery({
    relist: async () => {
      const { jobs, failures } = await relist();
      return { jobs, failures: words(failures) };
    },
    onJobs: (jobs) => monitor.setJobs(jobs),
    onProblems: (discovery) => monitor.store.setStatus({ discovery }),
    clock: systemClock,
    timers: systemTimers,
  });
  rediscovery.start(words(first));
  return rediscovery;
}
