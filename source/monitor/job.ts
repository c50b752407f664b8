import type { SessionOverview } from '../cloud/session-overview.js';

/** What the monitor needs of the cloud client (tests pass a fake). */
export interface OverviewSource {
  readonly endpoint: string;
  readonly projectId: string;
  /** Clients sharing credentials share this object; a refusal of one is a refusal of all. */
  readonly authScope?: object;
  sessionOverview(instanceId: string, signal?: AbortSignal): Promise<SessionOverview>;
}

/** One instance to poll, and the client that reaches it. */
export interface PollJob {
  client: OverviewSource;
  instanceId: string;
  name: string;
}

export function jobKey(job: PollJob): string {
  return `${job.client.endpoint} ${job.client.projectId} ${job.instanceId}`;
}

export function authScopeOf(job: PollJob): object {
  return job.client.authScope ?? job.client;
}
