/** A refused AK/SK signature locks the AK for 5 minutes after 5 failures: stay away that long. */
export const refusedRestMs = 5 * 60_000;
/** A probe that hangs (an unreachable instance) must not hold the whole fleet: after this, probe another. */
export const probePatienceMs = 1500;

interface ScopeState {
  /** Credentials that have been accepted at least once since they were last refused. */
  proven: boolean;
  inFlight: number;
  restUntil: number;
  probeStartedAt: number;
  refusedAt: number;
}

/** `park`: wait for the probe in flight to land, or for the probe patience to run out at `until`. */
export type GateVerdict = { go: true } | { go: false; until: number; park: boolean };

/**
 * Keeps unproven credentials from being sprayed: until a scope's credentials have been accepted once,
 * only one request of that scope is in flight (a probe). Refused credentials rest, then probe again.
 * Without this, a wrong AK/SK would send a whole concurrency's worth of bad signatures and lock the AK.
 */
export class CredentialGate {
  private readonly scopes = new Map<object, ScopeState>();

  private state(scope: object): ScopeState {
    let state = this.scopes.get(scope);
    if (!state) {
      state = {
        proven: false,
        inFlight: 0,
        restUntil: Number.NEGATIVE_INFINITY,
        probeStartedAt: Number.NEGATIVE_INFINITY,
        refusedAt: Number.NEGATIVE_INFINITY,
      };
      this.scopes.set(scope, state);
    }
    return state;
  }

  /** Whether a request of this scope may leave now, and if not, until when. */
  check(scope: object, now: number): GateVerdict {
    const state = this.state(scope);
    if (now < state.restUntil) return { go: false, until: state.restUntil, park: false };
    const patienceEnds = state.probeStartedAt + probePatienceMs;
    if (!state.proven && state.inFlight > 0 && now < patienceEnds)
      return { go: false, until: patienceEnds, park: true };
    return { go: true };
  }

  started(scope: object, now: number): void {
    const state = this.state(scope);
    state.inFlight++;
    if (!state.proven) state.probeStartedAt = now;
  }

  /**
   * A request of this scope, sent at `startedAt`, came back. An acceptance of a request sent before the
   * last refusal proves nothing: the credentials may have been revoked in between.
   */
  finished(scope: object, outcome: 'accepted' | 'refused' | 'other', now: number, startedAt: number): void {
    const state = this.state(scope);
    state.inFlight--;
    if (outcome === 'accepted' && startedAt > state.refusedAt) state.proven = true;
    if (outcome === 'refused') {
      state.proven = false;
      state.refusedAt = now;
      state.restUntil = now + refusedRestMs;
    }
  }

  restUntil(scope: object): number {
    return this.state(scope).restUntil;
  }

  /** The user asked to try again: end every rest, but start with one probe per scope. */
  wake(): void {
    for (const state of this.scopes.values()) state.restUntil = Number.NEGATIVE_INFINITY;
  }
}
