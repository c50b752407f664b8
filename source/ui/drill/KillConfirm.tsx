import { Box, Text } from 'ink';
import type { Session } from '../../drill/types.js';
import type { Messages } from '../../i18n/index.js';
import type { InstanceView } from '../../monitor/store.js';
import { printable } from '../../server-text.js';
import { fit } from '../format.js';
import type { Theme } from '../theme.js';

export interface KillConfirmProps {
  sessionId: string;
  /** Undefined when the session left the list since `K` was pressed: the kill is still exactly this id. */
  session: Session | undefined;
  instance: InstanceView;
  node: string;
  t: Messages;
  theme: Theme;
  width: number;
  height: number;
}

/** Names exactly what would be killed, where, and whose it is; only `y` proceeds. */
export function KillConfirm({
  sessionId,
  session,
  instance,
  node,
  t,
  theme,
  width,
  height,
}: KillConfirmProps) {
  const k = t.drill.kill;
  const sql = (session?.query ?? '?').replace(/\s+/g, ' ').trim();
  const lines: [string, string][] = [
    ['question', k.confirm(sessionId, printable(instance.name))],
    ['node', `  ${node}`],
    [
      'who',
      `  ${t.drill.columns.user} ${printable(session?.user_name ?? '?')}   ${t.drill.columns.client} ${printable(session?.client_ip ?? '?')}:${session?.client_port ?? '?'}`,
    ],
    ['sql', `  ${t.drill.columns.sql} ${printable(sql)}`],
    ['gap', ''],
    ['proceed', k.proceed],
  ];
  return (
    <Box flexDirection="column" height={height} width={width}>
      {lines.map(([key, line]) => (
        <Text
          key={key}
          wrap="truncate-end"
          bold={key === 'question' || key === 'proceed'}
          color={key === 'question' ? theme.level('crit').color : undefined}
        >
          {fit(line, width) || ' '}
        </Text>
      ))}
    </Box>
  );
}
