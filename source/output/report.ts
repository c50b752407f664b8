import type { Feed } from '../feed/feed.js';
import { staleAfterMs } from '../feed/staleness.js';
import { localErrorLabel, type Messages } from '../i18n/index.js';
import type { Level } from '../monitor/severity.js';
import type { InstanceError } from '../monitor/store.js';
import type { SessionOverview } from '../overview.js';

/** What a script is told about a failure. */
export type ReportError = Pick<InstanceError, 'status' | 'code' | 'message' | 'requestId'>;

export interface ReportRow {
  projectId: string;
  instanceId: string;
  name: string;
  overview: SessionOverview | null;
  level: Level;
  error: ReportError | null;
}

export interface Report {
  time: Date;
  rows: ReportRow[];
}

/**
 * Every instance of the feed as it is now; an instance whose last attempt failed reports no counts, and
 * neither does one whose last answer is stale by the screen's rule (a source that stopped updating, an
 * hour-old Prometheus sample): counts that old are not the truth now, and the exit status says so.
 */
export function buildReport(feed: Pick<Feed, 'getSnapshot'>, time: Date): Report {
  const snapshot = feed.getSnapshot();
  const staleAfter = staleAfterMs(snapshot);
  return {
    time,
    rows: snapshot.instances.map((view) => {
      const stale =
        view.error === null && view.latest !== null && time.getTime() - view.latest.wallAt > staleAfter;
      const error: ReportError | null = stale
        ? {
            status: null,
            code: 'STALE',
            message: `last answer at ${new Date(view.latest?.wallAt ?? 0).toISOString()}`,
            requestId: null,
          }
        : view.error;
      return {
        projectId: view.projectId,
        instanceId: view.instanceId,
        name: view.name,
        overview: error ? null : (view.latest?.overview ?? null),
        level: stale ? 'error' : view.level,
        error,
      };
    }),
  };
}

/** An error for people: the server's own words (already in the chosen language), or ours. */
export function describeError(error: Pick<ReportError, 'code' | 'message'>, t: Messages): string {
  const local = localErrorLabel(error.code, t);
  return local ? `${local}: ${error.message}` : `${error.code} ${error.message}`;
}

export function allAnswered(report: Report): boolean {
  return report.rows.every((row) => row.error === null);
}
