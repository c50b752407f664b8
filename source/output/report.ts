import type { Feed } from '../feed/feed.js';
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

/** Every instance of the feed as it is now; an instance whose last attempt failed reports no counts. */
export function buildReport(feed: Pick<Feed, 'getSnapshot'>, time: Date): Report {
  return {
    time,
    rows: feed.getSnapshot().instances.map((view) => ({
      projectId: view.projectId,
      instanceId: view.instanceId,
      name: view.name,
      overview: view.error ? null : (view.latest?.overview ?? null),
      level: view.level,
      error: view.error,
    })),
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
