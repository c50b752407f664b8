import stringWidth from 'string-width';
import { blockingPairs, lockForest } from '../drill/lock-tree.js';
import type { ExecNode, Session, SessionList } from '../drill/types.js';
import type { Messages } from '../i18n/index.js';
import { cutToCells, escapeUnsafeInJson, printable } from '../server-text.js';

/** What `gaussdb-top sessions` prints: one instance's sessions on one node, at one moment. */
export interface SessionsReport {
  time: Date;
  projectId: string;
  instanceId: string;
  node: ExecNode;
  list: SessionList;
}

/**
 * `{time, project_id, instance_id, node_id, truncated, sessions, blocking}`, the sessions with the
 * API's field names (query_runtime in milliseconds, start times in epoch milliseconds, null where the
 * answer was bad), `blocking` each blocker with the sessions waiting on it directly.
 */
export function renderSessionsJson(report: SessionsReport, demo = false): string {
  const { sessions, truncated } = report.list;
  const document = {
    time: report.time.toISOString(),
    ...(demo ? { demo: true } : {}),
    project_id: report.projectId,
    instance_id: report.instanceId,
    node_id: report.node.node_id,
    truncated,
    sessions,
    blocking: blockingPairs(sessions, lockForest(sessions)),
  };
  return `${escapeUnsafeInJson(JSON.stringify(document, null, 2))}\n`;
}

/** 950 ms, 12.3 s, 4m05s, 2h01m, 3d04h: short and always in the same few cells. */
export function humanDuration(ms: number | null): string {
  if (ms === null) return '?';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1000);
  const two = (value: number) => String(value).padStart(2, '0');
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${two(seconds % 60)}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h${two(Math.floor(seconds / 60) % 60)}m`;
  return `${Math.floor(seconds / 86_400)}d${two(Math.floor(seconds / 3600) % 24)}h`;
}

const shown = (text: string | null, cells = 24) => (text === null ? '?' : cutToCells(printable(text), cells));

/** Blocked sessions first, then the longest running: what an incident needs to see first. */
function byUrgency(a: Session, b: Session): number {
  const blocked = Number(b.block_session !== null) - Number(a.block_session !== null);
  return blocked || (b.query_runtime ?? -1) - (a.query_runtime ?? -1);
}

/** An aligned table for people; widths in terminal cells. */
export function renderSessionsTable(report: SessionsReport, t: Messages, demo = false): string {
  const words = t.sessionsTable;
  const columns: { heading: string; right?: boolean; cell: (session: Session) => string }[] = [
    { heading: words.session, cell: (session) => session.session_id },
    { heading: words.user, cell: (session) => shown(session.user_name, 16) },
    { heading: words.database, cell: (session) => shown(session.database_name, 16) },
    {
      heading: words.client,
      cell: (session) =>
        `${shown(session.client_ip)}${session.client_port === null ? '' : `:${session.client_port}`}`,
    },
    {
      heading: words.state,
      cell: (session) => shown(session.block_session !== null ? session.wait_event : session.state, 20),
    },
    { heading: words.runtime, right: true, cell: (session) => humanDuration(session.query_runtime) },
    { heading: words.lock, cell: (session) => (session.lock_mode ? shown(session.lock_mode, 20) : '') },
    { heading: words.blockedBy, cell: (session) => session.block_session ?? '' },
    { heading: words.sql, cell: (session) => shown(session.query, 60) },
  ];
  const sessions = [...report.list.sessions].sort(byUrgency);
  const body = sessions.map((session) => columns.map((column) => column.cell(session)));
  const widths = columns.map((column, index) =>
    body.reduce(
      (widest, line) => Math.max(widest, stringWidth(line[index] ?? '')),
      stringWidth(column.heading),
    ),
  );
  const pad = (text: string, index: number) => {
    const gap = ' '.repeat(Math.max(0, (widths[index] ?? 0) - stringWidth(text)));
    return columns[index]?.right ? gap + text : text + gap;
  };
  const node = report.node;
  const title = [
    ...(demo ? [`${t.demo}: ${t.demoNote}`] : []),
    `${printable(report.instanceId)}  ${words.node(shown(node.node_name, 64), node.node_id)}  ${words.count(sessions.length)}`,
    ...(report.list.truncated ? [words.truncated] : []),
  ];
  if (sessions.length === 0) return `${[...title, words.none].join('\n')}\n`;
  const lines = [columns.map((column) => column.heading), ...body].map((line) =>
    line.map(pad).join('  ').trimEnd(),
  );
  return `${[...title, '', ...lines].join('\n')}\n`;
}
