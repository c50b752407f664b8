import type { Clock } from '../time.js';
import { restingError } from './credential-errors.js';
import {
  type Admission,
  type CredentialProblem,
  type CredentialSet,
  mostRecentlyGood,
  probeCandidates,
  recordAnswer,
  type ScopeState,
  type SetState,
  type Ticket,
} from './credential-scope.js';

export * from './credential-scope.js';

/**
 * Keeps credentials from being sprayed (the gateway locks an AK after five bad signatures, IAM locks
 * users): at most one unproven request per credential set in flight, across every endpoint, target,
 * listing and login. A scope is a credential set at one endpoint (and project, for IAM tokens): it is
 * judged on its own, so one endpoint is never marked for what another said.
 *
 * - unproven: one probe at a time; only a 2xx proves the credentials.
 * - proven: no limit. A 401 raises doubt: nothing else leaves until one probe, to an instance that
 *   answered 2xx recently, decides. Accepted: the 401 was that instance's own. Refused: the scope is.
 * - refused: rests (30 s for a token, 5 min otherwise), then one probe. Pressing `r` does not shorten
 *   it; a new secret (a changed token file) is a new set and is probed at once.
 */
export class CredentialGate {
  private readonly sets = new Map<string, SetState>();
  private readonly scopes = new Map<string, ScopeState>();
  private readonly listeners = new Set<() => void>();
  private waiters: (() => void)[] = [];

  constructor(private readonly clock: Clock) {}

  /** The sets asked about most recently per source kind and advice: older ones (a replaced token) are not reported. */
  private readonly current = new Set<CredentialSet>();

  private setState(set: CredentialSet): SetState {
    if (!this.current.has(set)) {
      for (const known of this.current)
        if (known.kind === set.kind && known.advice === set.advice) this.current.delete(known);
      this.current.add(set);
    }
    let state = this.sets.get(set.id);
    if (!state) {
      state = {
        set,
        unprovenInFlight: 0,
        restUntil: Number.NEGATIVE_INFINITY,
        restWhere: '',
        restMessage: '',
        noAnswers: 0,
        lockedUntil: Number.NEGATIVE_INFINITY,
        lockedWhere: '',
        lockedMessage: '',
      };
      this.sets.set(set.id, state);
    }
    return state;
  }

  private scope(set: CredentialSet, scopeKey: string, where: string): ScopeState {
    const key = `${set.id}\n${scopeKey}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = {
        owner: this.setState(set),
        where,
        state: 'unproven',
        restUntil: Number.NEGATIVE_INFINITY,
        epoch: 0,
        goodAt: new Map(),
        doubtful: new Set(),
        judged: false,
        strike: null,
        instanceRests: new Map(),
        message: '',
      };
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /** Whether a request for `instance` (null: not an instance, e.g. a listing) may leave now. */
  check(set: CredentialSet, scopeKey: string, where: string, instance: string | null): Admission {
    const scope = this.scope(set, scopeKey, where);
    const owner = scope.owner;
    const now = this.clock.monotonic();
    if (now < owner.lockedUntil) {
      return {
        go: false,
        reason: 'resting',
        until: owner.lockedUntil,
        where: owner.lockedWhere,
        message: owner.lockedMessage,
      };
    }
    if (scope.state === 'refused') {
      if (now < scope.restUntil) {
        return {
          go: false,
          reason: 'resting',
          until: scope.restUntil,
          where: scope.where,
          message: scope.message,
        };
      }
      scope.state = 'unproven';
    }
    const own = instance === null ? undefined : scope.instanceRests.get(instance);
    if (own && now < own.until) {
      return {
        go: false,
        reason: 'resting',
        until: own.until,
        where: scope.where,
        message: own.message,
        instanceOnly: true,
      };
    }
    if (scope.state === 'proven') return { go: true };
    if (owner.unprovenInFlight > 0) return { go: false, reason: 'waiting' };
    if (scope.state === 'unproven') {
      if (now < owner.restUntil) {
        // Resting for what another endpoint said: named as such, never as this endpoint's refusal.
        return {
          go: false,
          reason: 'resting',
          until: owner.restUntil,
          where: owner.restWhere,
          message: owner.restMessage,
        };
      }
      return { go: true };
    }
    // Doubt: the probe goes to an instance that answered recently, so a second instance-scoped denial
    // cannot pass for a refusal of the credentials. When every such instance was refused too (a round
    // in flight), any instance decides.
    if (instance === null) return { go: false, reason: 'waiting' };
    const candidates = probeCandidates(scope, now);
    return candidates.length === 0 || candidates.includes(instance)
      ? { go: true }
      : { go: false, reason: 'waiting' };
  }

  /** The instance the poller should ask now to settle a doubt, if the scope is in doubt. */
  probeWanted(set: CredentialSet, scopeKey: string, where: string): string | undefined {
    const scope = this.scope(set, scopeKey, where);
    if (scope.state !== 'doubt' || scope.owner.unprovenInFlight > 0) return undefined;
    const now = this.clock.monotonic();
    return probeCandidates(scope, now)[0] ?? mostRecentlyGood(scope);
  }

  /** Admits a request if {@link check} allows it, or says why not. */
  admit(set: CredentialSet, scopeKey: string, where: string, instance: string | null): Ticket | Admission {
    const admission = this.check(set, scopeKey, where, instance);
    if (!admission.go) return admission;
    const scope = this.scope(set, scopeKey, where);
    const unproven = scope.state !== 'proven';
    if (unproven) scope.owner.unprovenInFlight++;
    const epoch = scope.epoch;
    let settled = false;
    return {
      settle: (outcome, detail = {}) => {
        if (settled) return;
        settled = true;
        if (unproven) scope.owner.unprovenInFlight--;
        const before = scope.state;
        recordAnswer(
          scope,
          { outcome, unproven, epoch, instance, ...detail },
          this.clock.monotonic(),
          this.scopes.values(),
        );
        // Only news wakes anyone: a probe landed, a refusal, a change of state. Not every answer.
        if (unproven || outcome === 'refused' || scope.state !== before) this.notify();
      },
    };
  }

  /**
   * Admits a request, waiting while a probe of these credentials is in flight; throws
   * CredentialsResting while they rest. The first attempt is synchronous, so a caller that saw
   * `check()` say go is admitted.
   */
  async enter(
    set: () => CredentialSet,
    scopeKey: string,
    where: string,
    instance: string | null,
    signal?: AbortSignal,
  ): Promise<Ticket> {
    for (;;) {
      const admission = this.admit(set(), scopeKey, where, instance);
      if ('settle' in admission) return admission;
      if (admission.go) continue;
      if (admission.reason === 'resting') throw restingError(admission, this.clock.monotonic());
      if (signal?.aborted) throw signal.reason;
      await this.changed(signal);
    }
  }

  /** The scope's state after a 401: `refused` when the credentials were judged refused there. */
  verdict(set: CredentialSet, scopeKey: string, where: string): ScopeState['state'] {
    return this.scope(set, scopeKey, where).state;
  }

  /**
   * A credential source replaced its secret (a token file changed): listeners look again, and the
   * next check with the new set finds it unproven and lets one probe out at once.
   */
  poke(): void {
    this.notify();
  }

  /** Refused and doubted scopes of current sets, for the header. */
  problems(): CredentialProblem[] {
    const now = this.clock.monotonic();
    const found: CredentialProblem[] = [];
    const locked = new Set<SetState>();
    for (const scope of this.scopes.values()) {
      const owner = scope.owner;
      if (!this.current.has(owner.set)) continue;
      if (now < owner.lockedUntil) {
        if (locked.has(owner)) continue;
        locked.add(owner);
        found.push(this.problem(owner, owner.lockedWhere, 'refused', owner.lockedUntil, owner.lockedMessage));
      } else if (scope.state === 'refused') {
        found.push(this.problem(owner, scope.where, 'refused', scope.restUntil, scope.message));
      } else if (scope.state === 'doubt') {
        found.push(this.problem(owner, scope.where, 'checking', null, scope.message));
      }
    }
    return found;
  }

  private problem(
    owner: SetState,
    where: string,
    state: CredentialProblem['state'],
    nextTryAt: number | null,
    message: string,
  ): CredentialProblem {
    return {
      kind: owner.set.kind,
      where,
      state,
      nextTryAt,
      advice: state === 'refused' ? owner.set.advice : '',
      message,
    };
  }

  /** Called whenever a scope's state changes or a probe lands. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves at the next change (a probe landed), or when `signal` aborts. */
  changed(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.push(done);
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
    for (const listener of this.listeners) listener();
  }
}
