import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { Messages } from '../i18n/index.js';
import type { Language } from '../language.js';
import { metrics } from '../metrics.js';
import type { Thresholds } from '../monitor/severity.js';
import { fit } from './format.js';
import { helpLines } from './key-help.js';
import type { Action } from './keymap.js';
import type { Theme } from './theme.js';

export interface HelpProps {
  t: Messages;
  language: Language;
  /** Actions the feed can do: only those are listed. */
  offered?: (action: Action) => boolean;
  theme: Theme;
  width: number;
  height: number;
  thresholds: Thresholds;
  /** Which credentials are used and which are ignored (names of variables, never values). */
  credentials?: { used: string; ignored: readonly string[] } | undefined;
}

/** The keys and what they do (from the keymap), the thresholds in force, the credentials in use. */
export function Help({ t, language, theme, width, height, thresholds, credentials, offered }: HelpProps) {
  const keys = helpLines(language, offered);
  const keyWidth = Math.max(...keys.map((line) => stringWidth(line.keys))) + 2;
  const lines: { keys: string; meaning: string; id?: string }[] = [
    ...keys.map(({ keys, meaning }) => ({ keys, meaning })),
    { keys: '', meaning: '', id: 'gap-levels' },
    { keys: '', meaning: t.help.levels },
    ...metrics.map((metric) => ({
      keys: t.metrics[metric],
      meaning: `${t.levels.warn} ${theme.symbols.atLeast} ${thresholds[metric].warn}   ${t.levels.crit} ${theme.symbols.atLeast} ${thresholds[metric].crit}`,
    })),
    ...(credentials
      ? [
          { keys: '', meaning: '', id: 'gap-credentials' },
          {
            keys: t.help.credentials,
            meaning: t.help.credentialsUsed(credentials.used, credentials.ignored.join(', ')),
          },
        ]
      : []),
  ];
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.accent}>
        {`${t.help.title}  `}
        <Text dimColor>{t.help.close}</Text>
      </Text>
      {lines.slice(0, height - 1).map((line) => (
        <Text key={line.id ?? `${line.keys}:${line.meaning}`} wrap="truncate-end">
          <Text bold>{fit(`  ${line.keys}`, keyWidth + 2)}</Text>
          {line.meaning}
        </Text>
      ))}
    </Box>
  );
}
