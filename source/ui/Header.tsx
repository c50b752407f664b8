import { Box, Text } from 'ink';
import type { Messages } from '../i18n/index.js';
import type { MonitorSnapshot } from '../monitor/store.js';
import { fit, formatSeconds } from './format.js';
import { effectivePeriodMs, type FleetSummary } from './summary.js';
import type { Theme } from './theme.js';

export interface HeaderProps {
  snapshot: MonitorSnapshot;
  summary: FleetSummary;
  t: Messages;
  theme: Theme;
  width: number;
  target: string;
  demo: boolean;
  now: number;
}

function clockTime(wallMs: number): string {
  const date = new Date(wallMs);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}

function rateText(rate: number): string {
  return rate >= 10 ? String(Math.round(rate)) : String(Number(rate.toFixed(1)));
}

/** Two lines: who and how healthy, then the sums and the pace. PAUSED cannot be missed. */
export function Header({ snapshot, summary, t, theme, width, target, demo, now }: HeaderProps) {
  const { status } = snapshot;
  const { symbols } = theme;
  const healthy = summary.answering === summary.total;
  const period = effectivePeriodMs(snapshot);
  const throttled = status.throttledUntil !== null && status.throttledUntil > now;
  const pace =
    period > status.intervalMs
      ? t.header.period(formatSeconds(period), rateText(status.effectiveRate))
      : `${t.header.every} ${formatSeconds(status.intervalMs)}, ${t.header.rate(rateText(status.effectiveRate))}`;
  const updated =
    snapshot.lastChangeWall === null
      ? t.header.never
      : `${t.header.changed} ${clockTime(snapshot.lastChangeWall)}`;
  const { sums } = summary;
  const sumsText = `${symbols.sum} ${t.metrics.total} ${sums.total}  ${t.metrics.active} ${sums.active}  ${t.metrics.slowSql} ${sums.slowSql}  ${t.metrics.lock} ${sums.lock}`;
  const first = [demo ? ` ${t.demo} ` : '', ` ${target}  ${t.header.instances(summary.total)}  `];
  const state = status.paused
    ? ` ${symbols.paused} ${t.header.paused} `
    : ` ${symbols.live} ${t.header.live} `;
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          gaussdb-top
        </Text>
        {first[0] ? (
          <Text inverse bold color={theme.pausedColor}>
            {first[0]}
          </Text>
        ) : null}
        <Text>{first[1]}</Text>
        <Text bold color={healthy ? theme.level('ok').color : theme.level('error').color}>
          {t.header.healthy(summary.answering, summary.total)}
        </Text>
        <Text> </Text>
        <Text
          inverse={status.paused}
          bold
          color={status.paused ? theme.pausedColor : theme.level('ok').color}
        >
          {state}
        </Text>
        <Text dimColor> {updated}</Text>
      </Text>
      <Text wrap="truncate-end">
        {fit(sumsText, Math.min(width, 60))}
        <Text dimColor>{` ${pace}`}</Text>
        {throttled ? (
          <Text bold color={theme.level('warn').color}>
            {`  ${t.header.throttled}`}
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
