import type { ApiError } from '../cloud/api-error.js';
import type { SessionOverview } from '../cloud/session-overview.js';
import { localErrorLabel, type Messages } from '../i18n/index.js';
import type { PollResult } from '../monitor/poll-once.js';
import { type Level, overviewLevel, type Thresholds } from '../monitor/severity.js';

export interface ReportRow {
  projectId: string;
  instanceId: string;
  name: string;
  overview: SessionOverview | null;
  level: Level;
  error: ApiError | null;
}

export interface Report {
  time: Date;
  rows: ReportRow[];
}

export function buildReport(results: readonly PollResult[], thresholds: Thresholds, time: Date): Report {
  return {
    time,
    rows: results.map(({ job, overview, error }) => ({
      projectId: job.client.projectId,
      instanceId: job.instanceId,
      name: job.name,
      overview,
      level: overview ? overviewLevel(overview, thresholds) : 'error',
      error,
    })),
  };
}

/** An error for people: the server's own words (already in the chosen language), or ours. */
export function describeError(error: ApiError, t: Messages): string {
  const local = localErrorLabel(error.code, t);
  return local ? `${local}: ${error.message}` : `${error.code} ${error.message}`;
}

export function allAnswered(report: Report): boolean {
  return report.rows.every((row) => row.error === null);
}
