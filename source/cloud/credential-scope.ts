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
  /**
   * Refused: nothing with these credentials leaves before `until`; `instanceOnly` when only this
   * instance rests (its own 401, while the credentials themselves are not judged refused).
   */
  | { go: false; reason: 'resting'; until: number; where: string; message: string; instanceOnly?: boolean };

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
  /**
   * After a refusal anywhere (or probes that got no answer twice in a row), no unproven request of the
   * set leaves anywhere until then; `restWhere` and `restMessage` say who refused and why.
   */
  restUntil: number;
  restWhere: string;
  restMessage: string;
  /** Unproven requests in a row that got no answer at all (timeouts): a slow gateway still counts them. */
  noAnswers: number;
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
  /** Bumped whenever the scope loses trust: answers to requests admitted in an earlier epoch prove nothing. */
  epoch: number;
  /** Last 2xx per instance: the doubt probe goes to one of these. */
  goodAt: Map<string, number>;
  /** Instances whose own 401 raised or joined the current doubt. */
  doubtful: Set<string>;
  /** Refused here before and not accepted since: the next 401 is the verdict. */
  judged: boolean;
  /**
   * Never judged: the first unproven 401 may be that instance's own (a policy that denies it), so it
   * is only a strike; a 401 from another request decides.
   */
  strike: string | null;
  /** Instances resting on their own (a 401 that was theirs, or a strike), until when and why. */
  instanceRests: Map<string, { until: number; message: string }>;
  message: string;
}

/**
 * An instance whose own 401 was not the credentials' fault (one probe to another instance was
 * accepted): a policy that denies it changes rarely, so it is asked again only this often.
 */
export const ownRefusalRestMs = 60_000;

/** A request admitted by the gate; exactly one `settle` when its answer (or failure) is known. */
export interface Ticket {
  settle(
    outcome: Outcome,
    detail?: { message?: string; wholeSet?: boolean; where?: string; noAnswer?: boolean },
  ): void;
}

/** After two unproven requests in a row got no answer, the next waits this long, doubling. */
const noAnswerRestMs = { first: 30_000, max: 5 * 60_000 };

/** An instance that answered within this long counts as "answered recently" for a doubt probe. */
const recentMs = 15 * 60_000;

/** Instances a doubt probe may go to, most recently answered first. */
export function probeCandidates(scope: ScopeState, now: number): string[] {
  return [...scope.goodAt]
    .filter(([instance, at]) => now - at <= recentMs && !scope.doubtful.has(instance))
    .sort((a, b) => b[1] - a[1])
    .map(([instance]) => instance);
}

/** Any instance that ever answered, the most recent first: the probe when every candidate was refused. */
export function mostRecentlyGood(scope: ScopeState): string | undefined {
  let best: [string, number] | undefined;
  for (const entry of scope.goodAt) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
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
    noAnswer?: boolean;
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
    // Whoever was refused while the credentials turn out fine was refused on its own: it rests.
    for (const doubtful of scope.doubtful) {
      scope.instanceRests.set(doubtful, { until: now + ownRefusalRestMs, message: scope.message });
    }
    if (scope.strike !== null) {
      scope.instanceRests.set(scope.strike, { until: now + ownRefusalRestMs, message: scope.message });
    }
    scope.doubtful.clear();
    scope.judged = false;
    scope.strike = null;
    scope.message = '';
    owner.restUntil = Number.NEGATIVE_INFINITY;
    owner.noAnswers = 0;
    return;
  }
  if (answer.outcome === 'other') {
    if (answer.unproven) recordNoVerdict(scope, answer.noAnswer === true, now);
    return;
  }
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
  if (scope.state === 'unproven' && !scope.judged && scope.strike === null && answer.instance !== null) {
    // Maybe that instance's own denial: one more request, to another instance, decides. The struck
    // instance rests meanwhile, as long as refused credentials would.
    scope.strike = answer.instance;
    scope.message = message;
    scope.instanceRests.set(answer.instance, { until: now + restMs[owner.set.kind], message });
    return;
  }
  scope.state = 'refused';
  scope.judged = true;
  scope.strike = null;
  // The 401s were the credentials' fault, not the instances': none of them rests on its own.
  scope.doubtful.clear();
  scope.instanceRests.clear();
  scope.epoch++;
  scope.restUntil = now + restMs[owner.set.kind];
  scope.message = message;
  // An AK or a password refused at one endpoint is most likely wrong everywhere: no other endpoint
  // gets an unproven try either. A token cannot lock, and IAM tokens are scoped to a region anyway.
  if (owner.set.kind !== 'token') restSet(owner, scope.restUntil, scope.where, message);
}

function restSet(owner: SetState, until: number, where: string, message: string): void {
  if (until <= owner.restUntil) return;
  owner.restUntil = until;
  owner.restWhere = where;
  owner.restMessage = message;
}

/**
 * An unproven request ended without a verdict. An answer (404, 5xx) lets the next probe go at once;
 * no answer at all (a gateway slower than the timeout still counts the signature) twice in a row
 * makes the set wait, 30 s doubling to 5 min. A token cannot lock: it never waits for this.
 */
function recordNoVerdict(scope: ScopeState, noAnswer: boolean, now: number): void {
  const owner = scope.owner;
  owner.noAnswers = noAnswer ? owner.noAnswers + 1 : 0;
  if (owner.noAnswers < 2 || owner.set.kind === 'token') return;
  const waitMs = Math.min(noAnswerRestMs.first * 2 ** (owner.noAnswers - 2), noAnswerRestMs.max);
  restSet(owner, now + waitMs, scope.where, 'no answer');
}
