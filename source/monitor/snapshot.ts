// What the monitor publishes: immutable snapshots of every instance and of the poller's state.
import type { Language } from '../language.js';
import type { Sample } from './sample-ring.js';
import type { Level } from './severity.js';

export interface InstanceError {
  status: number | null;
  code: string;
  message: string;
  requestId: string | null;
  /** Monotonic time of the failure. */
  at: number;
}

/** One instance as the screen sees it; replaced (never mutated) when something about it changes. */
export interface InstanceView {
  key: string;
  endpoint: string;
  projectId: string;
  instanceId: string;
  name: string;
  latest: Sample | null;
  previous: Sample | null;
  /** Level of the latest data; `error` when the last attempt failed. */
  level: Level;
  /** Level of the latest data alone, kept while an error hides it. */
  dataLevel: Level | null;
  /** The last attempt's error, or null once an answer arrived after it. */
  error: InstanceError | null;
  latencyMs: number | null;
  /** Highest active-session count per minute over the last minutes (oldest first; null: no answer). */
  trend: readonly (number | null)[];
  /** Answers received and attempts that failed (held-back attempts are not counted), for the details view. */
  successes: number;
  failures: number;
  /** Monotonic times: since when `level` has held (null before any news); the last return to ok (null while not ok). */
  levelSince: number | null;
  recoveredAt: number | null;
}

/**
 * Credentials that are not (or no longer) known to work at one endpoint. While any is listed, the
 * numbers of that endpoint's instances are not being refreshed: the header must say so.
 */
export interface CredentialStatus {
  /** Which kind of credentials: a ready token, an AK/SK pair or an IAM password login. */
  kind: 'token' | 'aksk' | 'password';
  /** The host that refused them (the API endpoint's host, or IAM's for a failed login). */
  where: string;
  /**
   * `refused`: refused, resting until `nextTryAt` (then one probe); `checking`: after a 401, one probe
   * to an instance that answered recently decides whether the credentials or that instance are at fault.
   */
  state: 'refused' | 'checking';
  /** Monotonic time of the next try; null when no try will be made (a GAUSSDB_TOKEN cannot change). */
  nextTryAt: number | null;
  /** What to do about it, when there is something (e.g. "use --token-file"), else ''. */
  advice: string;
  /** The server's own message, already sanitised and with secrets masked. */
  message: string;
}

/** A discovering target whose instance list could not be read; its instances may be missing. */
export interface DiscoveryProblem {
  /** The target as people know it: endpoint host and project id. */
  target: string;
  /** Sanitised error text. */
  message: string;
  /** Monotonic time of the next attempt, or null. */
  nextTryAt: number | null;
}

/** Where an attached screen's numbers come from (a `serve` poller, Prometheus) and whether it answers. */
export interface SourceStatus {
  /** The poller or Prometheus as people know it: its host and port. */
  name: string;
  reachable: boolean;
  /** Monotonic time since when it has not answered (null while reachable). */
  downSince: number | null;
  /** Why, in sanitised words ('' while reachable). */
  message: string;
  /** When it answers but not with numbers: it refused the token, or sent what cannot be read. */
  fault?: SourceFault | undefined;
}

/**
 * A source that answers but cannot be used; absent when it simply cannot be reached. `status` is any
 * other HTTP answer: a poller full of screens (503), a URL that is not a poller (404).
 */
export type SourceFault =
  | { kind: 'refused'; status: number }
  | { kind: 'status'; status: number }
  | { kind: 'bad-data' };

export interface PollerStatus {
  paused: boolean;
  /** NaN (as are the rates) while unknown: an attached screen before the poller's first answer. */
  intervalMs: number;
  configuredRate: number;
  effectiveRate: number;
  /** Monotonic time until which a 429 holds all requests back, or null. */
  throttledUntil: number | null;
  /** Credentials refused or in doubt, one entry per credential set and endpoint; empty when all is well. */
  credentials: readonly CredentialStatus[];
  /** Discovering targets whose last listing failed; empty when all is well. */
  discovery: readonly DiscoveryProblem[];
  /** Only for a screen attached to a remote source: that source's own state. */
  source?: SourceStatus | undefined;
  /**
   * Only for a replay: when the recorded poller was paused (the replay's time), while the replayed
   * moment falls in that pause; null or absent otherwise. `paused` is the screen's own pause.
   */
  recordedPauseAt?: number | null | undefined;
}

export interface MonitorSnapshot {
  instances: readonly InstanceView[];
  status: PollerStatus;
  language: Language;
  /**
   * Wall time at which any count last changed. Not the time of the latest answer: a clock that moved
   * with every poll would repaint an otherwise idle screen; staleness shows per row instead.
   */
  lastChangeWall: number | null;
  /** Bumped on every published change. */
  version: number;
  /** Monotonic time the monitor started: how long a fleet that never answered has waited. */
  startedAt: number;
}

export interface InstanceIdentity {
  key: string;
  /** The API endpoint the instance is reached at, as the details view names it. */
  endpoint: string;
  projectId: string;
  instanceId: string;
  name: string;
}
