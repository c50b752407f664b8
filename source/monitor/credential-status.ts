import type { InstanceState } from './instance-state.js';
import { authScopeOf, type CredentialGateView, type OverviewSource } from './job.js';
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

/**
 * What a 401 means for the instance that got it, as the gate now sees it: null when it may go again
 * (new credentials); else how long it waits (until the verdict when one probe decides: no `until`) and,
 * when the whole scope rests, the other instances of that scope, which show the refusal too (keeping
 * their last values).
 */
export function refusalVerdict(
  state: InstanceState,
  states: readonly InstanceState[],
): { until?: number; alsoRefused: InstanceState[] } | null {
  const admission = state.job.client.admission?.(state.job.instanceId);
  if (!admission || admission.go) return null;
  if (admission.reason === 'waiting') return { alsoRefused: [] };
  const scope = authScopeOf(state.job);
  const alsoRefused = admission.instanceOnly
    ? []
    : states.filter((other) => other !== state && !other.inFlight && authScopeOf(other.job) === scope);
  return { until: admission.until, alsoRefused };
}
