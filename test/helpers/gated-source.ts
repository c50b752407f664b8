import { isApiError } from '../../source/cloud/api-error.js';
import { CredentialGate, type CredentialSet, outcomeOf } from '../../source/cloud/credential-gate.js';
import type { OverviewSource } from '../../source/monitor/job.js';
import type { SessionOverview } from '../../source/overview.js';
import type { FakeClock } from './fake-clock.js';

export type Behaviour = (instanceId: string, signal?: AbortSignal) => Promise<SessionOverview>;

export interface GatedSourceOptions {
  projectId?: string;
  endpoint?: string;
  /** Share one gate (and credential set) between sources, as clients of one connection do. */
  gate?: CredentialGate;
  set?: CredentialSet;
}

/**
 * A client whose answers the test decides, behind the real credential gate as the cloud client uses
 * it: admitted before sending, settled by the answer by the client's own rule (`outcomeOf`). It
 * records what was actually sent.
 */
export function gatedSource(clock: FakeClock, behaviour: Behaviour, options: GatedSourceOptions = {}) {
  const sent: { instanceId: string; at: number }[] = [];
  const gate = options.gate ?? new CredentialGate(clock);
  const set = options.set ?? { id: 'test-set', kind: 'aksk', advice: '' };
  const endpoint = options.endpoint ?? 'https://fake';
  const projectId = options.projectId ?? 'p';
  const where = new URL(endpoint).host;
  const key = (instanceId: string) => `${projectId}/${instanceId}`;
  const client: OverviewSource = {
    endpoint,
    projectId,
    authScope: `${set.id}\n${endpoint}`,
    gate,
    admission: (instanceId) => gate.check(set, endpoint, where, key(instanceId)),
    probeWanted: () => gate.probeWanted(set, endpoint, where)?.slice(projectId.length + 1),
    async sessionOverview(instanceId, signal) {
      const ticket = await gate.enter(() => set, endpoint, where, key(instanceId), signal);
      sent.push({ instanceId, at: clock.monotonic() });
      try {
        const overview = await behaviour(instanceId, signal);
        ticket.settle(outcomeOf(200));
        return overview;
      } catch (error) {
        const status = isApiError(error) ? error.status : null;
        ticket.settle(outcomeOf(status), {
          message: isApiError(error) ? error.message : '',
          noAnswer: !isApiError(error) || error.status === null,
        });
        throw error;
      }
    },
  };
  return { client, sent, gate };
}
