import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { Messages } from '../i18n/index.js';
import { localErrorLabel } from '../i18n/index.js';
import { type Metric, metrics } from '../metrics.js';
import type { Thresholds } from '../monitor/severity.js';
import type { InstanceView, Sample } from '../monitor/store.js';
import { printable } from '../server-text.js';
import { fit, formatAge, formatDelta, sparkline } from './format.js';
import { levelDuration } from './level-label.js';
import type { Theme } from './theme.js';

export interface DetailsProps {
  view: InstanceView;
  history: readonly Sample[];
  now: number;
  t: Messages;
  theme: Theme;
  width: number;
  height: number;
  thresholds: Thresholds;
}

/** Our own failures in the chosen language, then the server's code and words as they came. */
function errorWords(error: NonNullable<InstanceView['error']>, t: Messages): string {
  const local = localErrorLabel(error.code, t);
  const status = error.status === null ? '' : ` (HTTP ${error.status})`;
  return local
    ? `${local}${status}: ${printable(error.message)}`
    : `${printable(error.code)} ${printable(error.message)}`;
}

/** Everything known about one instance: identity, the four counts with their history, the last error. */
export function Details({ view, history, now, t, theme, width, height, thresholds }: DetailsProps) {
  const d = t.details;
  const labelWidth =
    Math.max(
      ...[d.project, d.id, d.endpoint, d.level, d.latency, d.polls, d.lastOk, d.lastError, d.requestId].map(
        (label) => stringWidth(label),
      ),
    ) + 2;
  const field = (label: string, value: string, color?: string) => (
    <Text key={label} wrap="truncate-end">
      <Text dimColor>{fit(`  ${label}`, labelWidth + 2)}</Text>
      <Text color={color}>{value}</Text>
    </Text>
  );
  const style = theme.level(view.level);
  const sparkWidth = Math.max(10, Math.min(history.length, width - 40));
  const metricLine = (metric: Metric) => {
    const values = history.map((sample) => sample.overview[metric]);
    const latest = view.latest?.overview[metric];
    const delta = latest === undefined ? '' : formatDelta(latest, view.previous?.overview[metric]);
    const range = values.length ? `${Math.min(...values)}–${Math.max(...values)}` : '';
    return (
      <Text key={metric} wrap="truncate-end">
        <Text>{fit(`  ${t.metrics[metric]}`, 12)}</Text>
        <Text bold>{fit(latest === undefined ? '-' : String(latest), 7, 'right')}</Text>
        <Text dimColor>{fit(delta ? ` ${delta}` : '', 6)}</Text>
        <Text color={theme.accent}>{sparkline(values, sparkWidth, theme.symbols.bars)}</Text>
        <Text
          dimColor
        >{`  ${range}  (${t.levels.warn} ${thresholds[metric].warn} / ${t.levels.crit} ${thresholds[metric].crit})`}</Text>
      </Text>
    );
  };
  const lines = [
    <Text key="title" bold wrap="truncate-end">
      <Text color={theme.accent}>{`${d.title} `}</Text>
      {printable(view.name)}
      <Text dimColor>{`   ${d.back}`}</Text>
    </Text>,
    field(d.id, view.instanceId),
    field(d.project, view.projectId),
    field(d.endpoint, view.endpoint),
    field(
      d.level,
      view.latest === null && view.error === null
        ? `${theme.symbols.ellipsis} ${t.notYetAsked}`
        : `${style.glyph} ${t.levels[view.level]} ${levelDuration(view, now, theme.symbols)}`,
      view.latest === null && view.error === null ? undefined : style.color,
    ),
    field(d.lastOk, view.latest ? `${formatAge(now - view.latest.at)} ${d.ago}` : d.noData),
    field(d.latency, view.latencyMs === null ? '-' : `${Math.round(view.latencyMs)} ms`),
    field(d.polls, d.pollCounts(view.successes, view.failures)),
    field(
      d.lastError,
      view.error ? `${errorWords(view.error, t)} (${formatAge(now - view.error.at)} ${d.ago})` : d.none,
      view.error ? theme.level('error').color : undefined,
    ),
    field(d.requestId, view.error?.requestId ? printable(view.error.requestId) : '-'),
    <Text key="gap"> </Text>,
    <Text key="history" bold>{`  ${d.history(history.length)}`}</Text>,
    ...metrics.map(metricLine),
  ];
  return (
    <Box flexDirection="column" width={width} height={height}>
      {lines.slice(0, height)}
    </Box>
  );
}
