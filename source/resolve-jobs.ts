import { type ApiError, isApiError } from './cloud/api-error.js';
import type { GaussDbClient } from './cloud/client.js';
import type { Settings, Target } from './config/settings.js';
import { jobKey, type PollJob } from './monitor/job.js';

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
    const allowKill = target.allowKill === true;
    return target.instances.map((ref) => ({
      client,
      instanceId: ref.id,
      name: ref.name ?? ref.id,
      allowKill,
    }));
  };
  const listTarget = async (target: Target, index: number): Promise<PollJob[]> => {
    if (!target.discover) return configured(target, index);
    const client = clients[index] as GaussDbClient;
    const listed = (await client.listInstances()).map((found) => ({
      client,
      instanceId: found.id,
      name: found.name,
      allowKill: target.allowKill === true,
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
