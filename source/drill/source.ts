// The seam between the drill-down page and where its data comes from. The live poller opens one for
// the instance on screen; a replay or a remote feed may offer none (the feed's `drill` capability).
import type {
  ExecNode,
  KillResult,
  SessionList,
  StatisticsDimension,
  StatisticsRow,
  TopSqlRow,
  WaitEventRow,
} from './types.js';

/** The page's tabs, in the order of their number keys. */
export type DrillTab = 'sessions' | 'blocking' | 'statistics' | 'waits' | 'topSql';
export const drillTabs: readonly DrillTab[] = ['sessions', 'blocking', 'statistics', 'waits', 'topSql'];

export interface DrillError {
  status: number | null;
  code: string;
  /** Sanitised, secrets masked. */
  message: string;
}

/** One API's latest answer for the page, with its age and its error, like a grid row. */
export interface DrillPart<T> {
  /** The last good answer (kept while later attempts fail), or null before any. */
  data: T | null;
  /** Monotonic time of that answer. */
  at: number | null;
  /** The last attempt's error, or null once an answer arrived after it. */
  error: DrillError | null;
  /** A request for it is in flight. */
  loading: boolean;
}

export interface DrillSnapshot {
  /** The instance's key in the grid. */
  key: string;
  nodes: DrillPart<readonly ExecNode[]>;
  /** Index into nodes.data of the node the session calls use. */
  nodeIndex: number;
  /** Sessions feed both the Sessions and the Blocking tabs. */
  sessions: DrillPart<SessionList>;
  statistics: DrillPart<Readonly<Record<StatisticsDimension, readonly StatisticsRow[]>>>;
  waits: DrillPart<readonly WaitEventRow[]>;
  topSql: DrillPart<readonly TopSqlRow[]>;
  /** Follows the grid's pause: while paused nothing is requested. */
  paused: boolean;
  /** False when the user did not opt in (`--allow-kill` / `allow_kill`): `kill` refuses, sends nothing. */
  canKill: boolean;
}

export interface DrillSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): DrillSnapshot;
  /** Only the visible tab's data is polled (Sessions and Blocking share one call). */
  setTab(tab: DrillTab): void;
  /** The next node of `nodes` (wraps); the session data is fetched again for it. */
  nextNode(): void;
  refreshNow(): void;
  /** Kills sessions on the current node; rejects without a request when `canKill` is false. Audited. */
  kill(sessionIds: readonly string[]): Promise<KillResult>;
  /** Stops polling; the page closed. */
  close(): void;
}
