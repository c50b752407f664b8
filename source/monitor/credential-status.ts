import type { InstanceState } from './instance-state.js';
import type { CredentialGateView, OverviewSource } from './job.js';
import type { CredentialStatus } from './store.js';

/** The credential problems of these gates, for the header: each once, in a stable order. */
export function credentialStatuses(gates: readonly CredentialGateView[]): CredentialStatus[] {
  const found = new Map<string, CredentialStatus>();
  for (const gate of gates) {
    for (const problem of gate.problems()) {
      found.set(`${problem.kind} ${problem.where} ${problem.state}`, { ...problem });
    }
  }
  return [...found.values()].sort((a, b) => a.where.localeCompare(b.where) || a.kind.localeCompare(b.kind));
}

/** The instances whose answer settles a doubt (one per client in doubt), unless already in flight. */
export function probeTargets(states: readonly InstanceState[]): Set<InstanceState> {
  const wanted = new Set<InstanceState>();
  for (const client of new Set<OverviewSource>(states.map((state) => state.job.client))) {
    const instanceId = client.probeWanted?.();
    if (instanceId === undefined) continue;
    const state = states.find(
      (candidate) => candidate.job.client === client && candidate.job.instanceId === instanceId,
    );
    if (state && !state.inFlight) wanted.add(state);
  }
  return wanted;
}
