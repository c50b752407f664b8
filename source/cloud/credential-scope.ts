// The states of credential sets and scopes, and how an answer moves them (see CredentialGate).

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

/**
 * What an answer says about the credentials that sent it (`null`: no answer at all). Only a 2xx
 * proves them: a 404 or 403 may come from a gateway that never checked them. Only a 401 refuses them.
 */
export function outcomeOf(status: number | null): Outcome {
  if (status === null) return 'other';
  if (status >= 200 && status < 300) return 'accepted';
  return status === 401 ? 'refused' : 'other';
}

/** A problem for the header: one per refused or doubted scope of a current credential set. */
export interface CredentialProblem {
  kind: CredentialKind;
  where: string;
  state: 'refused' | 'checking';
  nextTryAt: number | null;
  advice: string;
  message: string;
}

export interface SetState {
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

export interface ScopeState {
  owner: SetState;
  where: string;
  state: 'unproven' | 'proven' | 'doubt' | 'refused';
  restUntil: number;
  /** When the scope last lost trust: answers to requests sent before then prove nothing. */
  /** Bumped whenever the scope loses trust: answers to requests admitted in an earlier epoch prove nothing. */
  epoch: number;
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

/** Instances a doubt probe may go to, most recently answered first. */
export function probeCandidates(scope: ScopeState, now: number): string[] {
  return [...scope.goodAt]
    .filter(([instance, at]) => now - at <= recentMs && !scope.doubtful.has(instance))
    .sort((a, b) => b[1] - a[1])
    .map(([instance]) => instance);
}

export function recordAnswer(
  scope: ScopeState,
  answer: {
    outcome: Outcome;
    unproven: boolean;
    epoch: number;
    instance: string | null;
    message?: string;
    wholeSet?: boolean;
    where?: string;
  },
  now: number,
  allScopes: Iterable<ScopeState>,
): void {
  const owner = scope.owner;
  if (answer.outcome === 'accepted') {
    if (answer.instance !== null) scope.goodAt.set(answer.instance, now);
    // An answer to a request sent before the scope lost trust proves nothing: the credentials may
    // have been revoked in between.
    if (answer.epoch < scope.epoch) return;
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
    for (const other of allScopes) {
      if (other.owner === owner) {
        other.state = 'unproven';
        other.epoch++;
      }
    }
    return;
  }
  if (answer.instance !== null) scope.doubtful.add(answer.instance);
  if (answer.epoch < scope.epoch) return;
  if (!answer.unproven && scope.state === 'proven' && probeCandidates(scope, now).length > 0) {
    scope.state = 'doubt';
    scope.epoch++;
    scope.message = message;
    return;
  }
  scope.state = 'refused';
  scope.epoch++;
  scope.restUntil = now + restMs[owner.set.kind];
  scope.message = message;
  // An AK or a password refused at one endpoint is most likely wrong everywhere: no other endpoint
  // gets an unproven try either. A token cannot lock, and IAM tokens are scoped to a region anyway.
  if (owner.set.kind !== 'token') owner.restUntil = scope.restUntil;
}
