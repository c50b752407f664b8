import { credentialStatuses } from './credential-status.js';
import type { InstanceState } from './instance-state.js';
import type { CredentialStatus } from './store.js';

/**
 * The poller's ear on the credential gates its clients share: one batched call per burst of gate
 * changes (a probe landed, a set was refused, a token file changed), and the problems to show.
 */
export class GateWatch {
  private readonly watched = new Map<object, () => void>();
  private pending = false;
  private stopped = false;
  problems: readonly CredentialStatus[] = [];

  constructor(private readonly onChange: () => void) {}

  /** Listens to every gate of these instances' clients not listened to yet. */
  watch(states: readonly InstanceState[]): void {
    for (const { job } of states) {
      const gate = job.client.gate;
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

  /** Recomputes the problems; true when they changed. */
  refresh(states: readonly InstanceState[]): boolean {
    const next = credentialStatuses(states.map((state) => state.job.client));
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
