import type { OverviewSource } from './job.js';
import type { CredentialStatus } from './store.js';

/** The credential problems of every gate the clients share, for the header: each once, in a stable order. */
export function credentialStatuses(clients: readonly OverviewSource[]): CredentialStatus[] {
  const gates = new Set(clients.map((client) => client.gate).filter((gate) => gate !== undefined));
  const found = new Map<string, CredentialStatus>();
  for (const gate of gates) {
    for (const problem of gate.problems()) {
      found.set(`${problem.kind} ${problem.where} ${problem.state}`, { ...problem });
    }
  }
  return [...found.values()].sort((a, b) => a.where.localeCompare(b.where) || a.kind.localeCompare(b.kind));
}
