import type { Admission, CredentialProblem } from '../cloud/credential-gate.js';
import type { DrillCalls } from '../cloud/drill-client.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import type { InstanceIdentity } from './snapshot.js';

/** What the monitor needs of the cloud client (tests pass a fake). */
export interface OverviewSource {
  readonly endpoint: string;
  readonly projectId: string;
  /** Clients in the same credential scope (credentials at one endpoint) share this string. */
  readonly authScope?: string;
  /** Whether a request for this instance may leave now; absent: always. */
  admission?(instanceId: string): Admission;
  /** After a 401 raised doubt: the instance to ask now to settle it. */
  probeWanted?(): string | undefined;
  /** Called whenever the credential gate changes (a probe landed, a token file changed). */
  readonly gate?: CredentialGateView;
  sessionOverview(instanceId: string, signal?: AbortSignal): Promise<SessionOverview>;
  /** The drill-down's calls; absent, an instance cannot be drilled into. */
  readonly drill?: DrillCalls;
}

/** What the monitor needs of a credential gate (cloud/credential-gate.ts). */
export interface CredentialGateView {
  subscribe(listener: () => void): () => void;
  problems(): readonly CredentialProblem[];
  /** Resolves at the next change. */
  changed(): Promise<void>;
}

/** One instance to poll, and the client that reaches it. */
export interface PollJob {
  client: OverviewSource;
  instanceId: string;
  name: string;
  /** The user allowed kills for this instance's target (`--allow-kill`, `allow_kill = true`). */
  allowKill?: boolean;
}

export function jobKey(job: PollJob): string {
  return `${job.client.endpoint} ${job.client.projectId} ${job.instanceId}`;
}

/** An instance as the store and every view know it. */
export function identityOf(job: PollJob): InstanceIdentity {
  return {
    key: jobKey(job),
    endpoint: job.client.endpoint,
    projectId: job.client.projectId,
    instanceId: job.instanceId,
    name: job.name,
  };
}

export function authScopeOf(job: PollJob): string {
  return job.client.authScope ?? `${job.client.endpoint} ${job.client.projectId}`;
}
