import stringWidth from 'string-width';
import { blockingPairs, lockForest } from '../drill/lock-tree.js';
import { naturalOrder, type SessionColumnId, sessionColumns } from '../drill/session-columns.js';
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

/** The widest a cell may be: the SQL gets room for its head, names and waits less. */
const cellLimit = (id: SessionColumnId) => (id === 'sql' ? 60 : id === 'client' ? 24 : 20);

/** An aligned table for people, blocked sessions first, then the longest running; widths in terminal cells. */
export function renderSessionsTable(report: SessionsReport, t: Messages, demo = false): string {
  const words = t.sessionsTable;
  const columns = sessionColumns.map((column) => ({
    heading: t.drill.columns[column.id],
    right: column.align === 'right',
    cell: (session: Session) => cutToCells(printable(column.cell(session)), cellLimit(column.id)),
  }));
  const sessions = [...report.list.sessions].sort(naturalOrder);
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
    `${printable(report.instanceId)}  ${words.node(node.node_name === null ? '?' : cutToCells(printable(node.node_name), 64), node.node_id)}  ${words.count(sessions.length)}`,
    ...(report.list.truncated ? [words.truncated] : []),
  ];
  if (sessions.length === 0) return `${[...title, words.none].join('\n')}\n`;
  const lines = [columns.map((column) => column.heading), ...body].map((line) =>
    line.map(pad).join('  ').trimEnd(),
  );
  return `${[...title, '', ...lines].join('\n')}\n`;
}
