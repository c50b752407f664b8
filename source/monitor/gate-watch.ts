import { credentialStatuses } from './credential-status.js';
import type { InstanceState } from './instance-state.js';
import type { CredentialGateView } from './job.js';
import type { CredentialStatus } from './store.js';

/**
 * The poller's ear on the credential gates its clients share: one batched call per burst of gate
 * changes (a probe landed, a set was refused, a token file changed), and the problems to show.
 */
export class GateWatch {
  private readonly watched = new Map<CredentialGateView, () => void>();
  private pending = false;
  private stopped = false;
  problems: readonly CredentialStatus[] = [];

  constructor(private readonly onChange: () => void) {}

  /** Listens to every gate of these instances' clients (and these gates) not listened to yet. */
  watch(states: readonly InstanceState[], gates: readonly (CredentialGateView | undefined)[] = []): void {
    for (const gate of [...gates, ...states.map((state) => state.job.client.gate)]) {
      if (!gate || this.watched.has(gate)) continue;
      this.watched.set(
        gate,
        gate.subscribe(() => this.changed()),
      );
    }
  }

  stop(): void {
    this.stopped = true;
    for (const unsubscribe of this.watched.values()) unsubscribe();
    this.watched.clear();
  }

  /** Recomputes the problems of every gate listened to; true when they changed. */
  refresh(): boolean {
    const next = credentialStatuses([...this.watched.keys()]);
    if (JSON.stringify(next) === JSON.stringify(this.problems)) return false;
    this.problems = next;
    return true;
  }

  private changed(): void {
    if (this.pending || this.stopped) return;
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      if (!this.stopped) this.onChange();
    });
  }
}
