import { type ApiError, isApiError } from './cloud/api-error.js';
import type { GaussDbClient } from './cloud/client.js';
import type { Settings, Target } from './config/settings.js';
import { messages } from './i18n/index.js';
import { jobKey, type PollJob } from './monitor/job.js';
import { describeError } from './output/report.js';
import { printable } from './server-text.js';

/** A discovering target whose listing failed: its configured instances are still polled. */
export interface DiscoveryFailure {
  /** The target as people know it: endpoint host and project id. */
  target: string;
  error: ApiError;
}

export interface ResolvedJobs {
  jobs: PollJob[];
  failures: DiscoveryFailure[];
}

export function targetName(client: GaussDbClient): string {
  return `${new URL(client.endpoint).host} ${client.projectId}`;
}

/**
 * Lists the instances to poll: the configured ones, plus every listed instance of discovering targets,
 * in target order; an instance named twice is polled once, under its configured name. A target whose
 * listing fails keeps what it listed last time (nothing, the first time) and is reported, never the
 * whole run: the other targets are monitored all the same.
 */
export function jobResolver(
  settings: Settings,
  clients: readonly GaussDbClient[],
): () => Promise<ResolvedJobs> {
  const lastListed = new Map<number, PollJob[]>();
  const configured = (target: Target, index: number): PollJob[] => {
    const client = clients[index] as GaussDbClient;
    return target.instances.map((ref) => ({ client, instanceId: ref.id, name: ref.name ?? ref.id }));
  };
  const listTarget = async (target: Target, index: number): Promise<PollJob[]> => {
    if (!target.discover) return configured(target, index);
    const client = clients[index] as GaussDbClient;
    const listed = (await client.listInstances()).map((found) => ({
      client,
      instanceId: found.id,
      name: found.name,
    }));
    lastListed.set(index, listed);
    return configured(target, index).concat(listed);
  };
  return async () => {
    const failures: DiscoveryFailure[] = [];
    const perTarget = await Promise.all(
      settings.targets.map((target, index) =>
        listTarget(target, index).catch((error: unknown) => {
          if (!isApiError(error)) throw error;
          failures.push({ target: targetName(clients[index] as GaussDbClient), error });
          return configured(target, index).concat(lastListed.get(index) ?? []);
        }),
      ),
    );
    const jobs = new Map<string, PollJob>();
    for (const list of perTarget) {
      for (const job of list) if (!jobs.has(jobKey(job))) jobs.set(jobKey(job), job);
    }
    return { jobs: [...jobs.values()], failures };
  };
}

/** Resolves once; see {@link jobResolver}. */
export function resolveJobs(settings: Settings, clients: readonly GaussDbClient[]): Promise<ResolvedJobs> {
  return jobResolver(settings, clients)();
}

/** Every failed listing, one line each on stderr, naming its target. */
export function explainFailures(
  failures: readonly DiscoveryFailure[],
  settings: Settings,
  stderr: NodeJS.WritableStream,
) {
  const t = messages(settings.language);
  for (const { target, error } of failures) {
    stderr.write(
      `gaussdb-top: listing instances of ${printable(target)} failed: ${printable(describeError(error, t))}\n`,
    );
  }
}

/**
 * For `--once`: the instances to poll, or null after saying on stderr why there are none. Failed
 * listings are named on stderr and make the exit status 1, but the other targets are polled.
 */
export async function jobsOrExplain(
  settings: Settings,
  clients: readonly GaussDbClient[],
  stderr: NodeJS.WritableStream,
): Promise<ResolvedJobs | null> {
  const resolved = await resolveJobs(settings, clients);
  explainFailures(resolved.failures, settings, stderr);
  if (resolved.jobs.length > 0) return resolved;
  if (resolved.failures.length === 0) stderr.write('gaussdb-top: the project lists no instances\n');
  return null;
}
