import { Box, Text } from 'ink';
import { formatRuntime } from '../../drill/runtime.js';
import type { Session } from '../../drill/types.js';
import type { Messages } from '../../i18n/index.js';
import { printable } from '../../server-text.js';
import { fit } from '../format.js';
import { wrapCells } from './wrap.js';

export interface TextPageProps {
  lines: readonly string[];
  height: number;
  /** The first line shown: long SQL scrolls with j and k. */
  top: number;
}

const time = (epochMs: number | null) => (epochMs === null ? '?' : new Date(epochMs).toISOString());

/** Every field of one session, by the API's names, then its full SQL wrapped to the pane. */
export function detailLines(session: Session, t: Messages, width: number): string[] {
  const fields: [string, string][] = [
    ['session_id', session.session_id],
    ['user_name', session.user_name ?? '?'],
    ['database_name', session.database_name ?? '?'],
    ['client', `${session.client_ip ?? '?'}:${session.client_port ?? '?'}`],
    ['application_name', session.application_name ?? '?'],
    ['state', session.state ?? '?'],
    ['wait_event', session.wait_event ?? '?'],
    ['wait_status', session.wait_status ?? '?'],
    ['lock_mode', session.lock_mode ?? '-'],
    ['lock_tag', session.lock_tag ?? '-'],
    ['block_session', session.block_session ?? '-'],
    ['query_runtime', session.query_runtime === null ? '?' : formatRuntime(session.query_runtime)],
    ['query_start', time(session.query_start)],
    ['transaction_start', time(session.transaction_start)],
    ['back_end_start', time(session.back_end_start)],
    ['sql_num', session.sql_num === null ? '?' : String(session.sql_num)],
    ['unique_sql_id', session.unique_sql_id ?? '?'],
  ];
  const lines = fields.map(([name, value]) => `  ${fit(name, 18)} ${printable(value)}`);
  lines.push('', `  ${t.drill.sqlTitle}`, ...queryLines(session.query ?? '?', width));
  return lines;
}

/** A statement in full, its own line breaks kept, wrapped to the pane. */
export function queryLines(query: string, width: number): string[] {
  return query
    .split(/\r?\n/)
    .flatMap((line) => wrapCells(printable(line), width - 4).map((part) => `    ${part}`));
}

/** Lines of text, scrolled to `top`, as many as fit. */
export function TextPage({ lines, height, top }: TextPageProps) {
  const first = Math.min(top, Math.max(0, lines.length - height));
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(first, first + height).map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one text, in order
        <Text key={index} wrap="truncate-end">
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
}
