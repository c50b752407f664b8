import type { Clock } from '../clock.js';
import { restingError } from './credential-errors.js';

/** What kind of secret a credential set is; it decides how long a refused set rests. */
export type CredentialKind = 'token' | 'aksk' | 'password';

/** One credential set: what a server can refuse (a token, an AK, an IAM user), as the gate knows it. */
export interface CredentialSet {
  /** Unique per secret value: a token file that changes is a new set. */
  readonly id: string;
  readonly kind: CredentialKind;
  /** What the user can do when the set is refused ('' when nothing but waiting helps). */
  readonly advice: string;
}

/**
 * How long a refused set rests before one probe. An AK locks after five bad signatures and IAM locks
 * users too; a ready-made token cannot lock anything, so it is probed again sooner.
 */
export const restMs: Record<CredentialKind, number> = {
  token: 30_000,
  aksk: 5 * 60_000,
  password: 5 * 60_000,
};

export type Admission =
  | { go: true }
  /** A probe of these credentials is in flight: wait for it to land (`changed()`). */
  | { go: false; reason: 'waiting' }
  /** Refused: nothing with these credentials leaves before `until`. */
  | { go: false; reason: 'resting'; until: number; where: string; message: string };

export type Outcome = 'accepted' | 'refused' | 'other';

/** A problem for the header: one per refused or doubted scope of a current credential set. */
export interface CredentialProblem {
  kind: CredentialKind;
  where: string;
  state: 'refused' | 'checking';
  nextTryAt: number | null;
  advice: string;
  message: string;
}

interface SetState {
  set: CredentialSet;
  /** Requests that cannot yet be trusted to succeed (probes): at most one at a time, set-wide. */
  unprovenInFlight: number;
  /** After a refusal anywhere, no unproven request of the set leaves anywhere until then. */
  restUntil: number;
  /** A refused IAM login rests every scope of the set, proven or not, until then. */
  lockedUntil: number;
  lockedWhere: string;
  lockedMessage: string;
}

interface ScopeState {
  owner: SetState;
  where: string;
  state: 'unproven' | 'proven' | 'doubt' | 'refused';
  restUntil: number;
  /** When the scope last lost trust: answers to requests sent before then prove nothing. */
  distrustedAt: number;
  /** Last 2xx per instance: the doubt probe goes to one of these. */
  goodAt: Map<string, number>;
  /** Instances whose own 401 raised or joined the current doubt. */
  doubtful: Set<string>;
  message: string;
}

/** A request admitted by the gate; exactly one `settle` when its answer (or failure) is known. */
export interface Ticket {
  settle(outcome: Outcome, detail?: { message?: string; wholeSet?: boolean; where?: string }): void;
}

/** An instance that answered within this long counts as "answered recently" for a doubt probe. */
const recentMs = 15 * 60_000;

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
        distrustedAt: Number.NEGATIVE_INFINITY,
        goodAt: new Map(),
        doubtful: new Set(),
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
    if (scope.state === 'proven') return { go: true };
    if (owner.unprovenInFlight > 0) return { go: false, reason: 'waiting' };
    if (scope.state === 'unproven') {
      if (now < owner.restUntil) {
        return {
          go: false,
          reason: 'resting',
          until: owner.restUntil,
          where: scope.where,
          message: scope.message,
        };
      }
      return { go: true };
    }
    // Doubt: the probe goes to an instance that answered recently, so a second instance-scoped denial
    // cannot pass for a refusal of the credentials.
    if (instance === null || scope.doubtful.has(instance)) return { go: false, reason: 'waiting' };
    const candidates = this.probeCandidates(scope);
    // With no instance that answered recently, any other instance is the best probe there is.
    return candidates.length === 0 || candidates.includes(instance)
      ? { go: true }
      : { go: false, reason: 'waiting' };
  }

  /** Instances a doubt probe may go to, most recently answered first. */
  private probeCandidates(scope: ScopeState): string[] {
    const now = this.clock.monotonic();
    return [...scope.goodAt]
      .filter(([instance, at]) => now - at <= recentMs && !scope.doubtful.has(instance))
      .sort((a, b) => b[1] - a[1])
      .map(([instance]) => instance);
  }

  /** The instance the poller should ask now to settle a doubt, if the scope is in doubt. */
  probeWanted(set: CredentialSet, scopeKey: string, where: string): string | undefined {
    const scope = this.scope(set, scopeKey, where);
    if (scope.state !== 'doubt' || scope.owner.unprovenInFlight > 0) return undefined;
    return this.probeCandidates(scope)[0];
  }

  /** Admits a request if {@link check} allows it, or says why not. */
  admit(set: CredentialSet, scopeKey: string, where: string, instance: string | null): Ticket | Admission {
    const admission = this.check(set, scopeKey, where, instance);
    if (!admission.go) return admission;
    const scope = this.scope(set, scopeKey, where);
    const unproven = scope.state !== 'proven';
    if (unproven) scope.owner.unprovenInFlight++;
    const sentAt = this.clock.monotonic();
    let settled = false;
    return {
      settle: (outcome, detail = {}) => {
        if (settled) return;
        settled = true;
        if (unproven) scope.owner.unprovenInFlight--;
        this.record(scope, { outcome, unproven, sentAt, instance, ...detail });
        this.notify();
      },
    };
  }

  private record(
    scope: ScopeState,
    answer: {
      outcome: Outcome;
      unproven: boolean;
      sentAt: number;
      instance: string | null;
      message?: string;
      wholeSet?: boolean;
      where?: string;
    },
  ): void {
    const now = this.clock.monotonic();
    const owner = scope.owner;
    if (answer.outcome === 'accepted') {
      if (answer.instance !== null) scope.goodAt.set(answer.instance, now);
      // An answer to a request sent before the scope lost trust proves nothing: the credentials may
      // have been revoked in between.
      if (answer.sentAt <= scope.distrustedAt) return;
      scope.state = 'proven';
      scope.doubtful.clear();
      scope.message = '';
      owner.restUntil = Number.NEGATIVE_INFINITY;
      return;
    }
    if (answer.outcome !== 'refused') return;
    const message = answer.message ?? '';
    if (answer.wholeSet) {
      // A refused login: every project of that user rests, whatever it had proven.
      owner.lockedUntil = now + restMs[owner.set.kind];
      owner.lockedWhere = answer.where ?? scope.where;
      owner.lockedMessage = message;
      owner.restUntil = owner.lockedUntil;
      for (const other of this.scopes.values()) {
        if (other.owner === owner) {
          other.state = 'unproven';
          other.distrustedAt = now;
        }
      }
      return;
    }
    if (answer.instance !== null) scope.doubtful.add(answer.instance);
    if (answer.sentAt <= scope.distrustedAt) return;
    if (!answer.unproven && scope.state === 'proven' && this.probeCandidates(scope).length > 0) {
      scope.state = 'doubt';
      scope.distrustedAt = now;
      scope.message = message;
      return;
    }
    scope.state = 'refused';
    scope.distrustedAt = now;
    scope.restUntil = now + restMs[owner.set.kind];
    scope.message = message;
    // An AK or a password refused at one endpoint is most likely wrong everywhere: no other endpoint
    // gets an unproven try either. A token cannot lock, and IAM tokens are scoped to a region anyway.
    if (owner.set.kind !== 'token') owner.restUntil = scope.restUntil;
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
