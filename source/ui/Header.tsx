import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { RecordingState } from '../feed/recording-switch.js';
import { staleAfterMs } from '../feed/staleness.js';
import type { Messages } from '../i18n/index.js';
import { metrics } from '../metrics.js';
import type { MonitorSnapshot } from '../monitor/store.js';
import { fit, formatSeconds } from './format.js';
import { problemLines } from './header-problems.js';
import { fitStates, type HeaderState, headerStates } from './header-states.js';
import { effectivePeriodMs, type FleetSummary } from './summary.js';
import { levelCounts } from './terminal-title.js';
import type { Theme } from './theme.js';

export interface HeaderProps {
  snapshot: MonitorSnapshot;
  summary: FleetSummary;
  t: Messages;
  theme: Theme;
  width: number;
  target: string;
  demo: boolean;
  /** The time the screen is drawn at. */
  now: number;
  /** How long the screen has been paused, or null while live. */
  pausedForMs: number | null;
  /** TLS certificates are not verified (`--insecure`). */
  insecure: boolean;
  /** How many lines may explain refused credentials and failed discoveries. */
  problemLimit: number;
  /** `--record`'s state (null without it): `● REC` while recording, a header state when it failed. */
  recording?: RecordingState | null | undefined;
  /** A replay's moment: the header names it first, and never says LIVE. */
  replayAt?: number | null | undefined;
  /** `--bell` or `--notify` is armed: 🔔 (BELL with --ascii) first in the line, where no width cuts it. */
  alertsArmed?: boolean | undefined;
}

/** How many lines the header takes: two, and one per problem to explain (at most `limit`). */
export function headerHeight(snapshot: MonitorSnapshot, limit: number): number {
  const problems = snapshot.status.credentials.length + snapshot.status.discovery.length;
  return 2 + Math.min(problems, limit);
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

function stateColor(state: HeaderState, theme: Theme): string | undefined {
  switch (state.id) {
    case 'paused':
      return theme.pausedColor;
    case 'throttled':
      return theme.level('warn').color;
    case 'allOld':
    case 'discovery':
      return theme.level('error').color;
    default:
      return theme.level('crit').color;
  }
}

/** The sums, with what they cover when that is not every instance: never a silent partial sum. */
function sumsText(summary: FleetSummary, t: Messages, sum: string): string {
  if (summary.fresh === 0) return `${sum} ${t.header.noFreshData}`;
  const { sums } = summary;
  const over = summary.fresh < summary.total ? t.header.over(summary.fresh, summary.total) : '';
  const counts = metrics.map((metric) => `${t.metrics[metric]} ${sums[metric]}`).join('  ');
  return `${sum} ${over}${counts}`;
}

/**
 * First line: the states that change what the numbers mean (paused, refused, old, throttled...), then
 * who and how healthy (how healthy first when a state holds). Second: the sums and the pace. Then a line per refused credential or failed
 * discovery, saying what happened and when the next try is.
 */
export function Header(props: HeaderProps) {
  const { snapshot, summary, t, theme, width, target, demo, now, pausedForMs } = props;
  const { status } = snapshot;
  const { symbols } = theme;
  const healthy = summary.fresh === summary.total;
  const period = effectivePeriodMs(snapshot);
  // An attached screen before the poller's first answer knows no pace: none is drawn.
  // A replay does not know the rate the recording was made at: only the interval.
  const pace = Number.isNaN(status.intervalMs)
    ? ''
    : !Number.isFinite(status.effectiveRate)
      ? `${t.header.every} ${formatSeconds(status.intervalMs)}`
      : period > status.intervalMs
        ? t.header.period(formatSeconds(period), rateText(status.effectiveRate))
        : `${t.header.every} ${formatSeconds(status.intervalMs)}, ${t.header.rate(rateText(status.effectiveRate))}`;
  const updated =
    snapshot.lastChangeWall === null
      ? t.header.never
      : `${t.header.changed} ${clockTime(snapshot.lastChangeWall)}`;
  const states = headerStates({
    status,
    summary,
    now,
    pausedForMs,
    insecure: props.insecure,
    waitingForMs: now - snapshot.startedAt,
    staleAfterMs: staleAfterMs(snapshot),
    pausedSymbol: symbols.paused,
    t,
    recording: props.recording,
  });
  const replayAt = props.replayAt ?? null;
  // First, whatever else the line holds: these numbers are not now.
  const replayMark = replayAt === null ? '' : ` ${t.replay.mark} ${clockTime(replayAt)} `;
  const bellMark = props.alertsArmed ? symbols.bell : '';
  const marks = [replayMark, bellMark].reduce((cells, mark) => cells + (mark ? stringWidth(mark) + 1 : 0), 0);
  // One cell spare: were the line cut right after the last state, its ellipsis would eat into it.
  const fitted = fitStates(states, width - 1 - marks, t);
  const sums = sumsText(summary, t, symbols.sum);
  const problems = problemLines(status, now, t, props.problemLimit);
  const identity = (
    <>
      <Text bold color={theme.accent}>
        gaussdb-top
      </Text>
      {demo ? (
        <Text inverse bold color={theme.pausedColor}>
          {` ${t.demo} `}
        </Text>
      ) : null}
      <Text>{` ${target}  ${t.header.instances(summary.total)}`}</Text>
    </>
  );
  const health = (
    <>
      <Text bold color={healthy ? theme.level('ok').color : theme.level('error').color}>
        {t.header.healthy(summary.fresh, summary.total)}
      </Text>
      {levelCounts(summary, t).map(({ text, level }, index) => (
        <Text key={level} bold color={theme.level(level).color}>
          {`${index === 0 ? '  ' : ' '}${text}`}
        </Text>
      ))}
      {/* LIVE only when nothing qualifies the numbers: next to ALL DATA OLD it would read as fresh. */}
      {fitted.shown.length === 0 && replayAt === null ? (
        <Text bold color={theme.level('ok').color}>{`  ${symbols.live} ${t.header.live}`}</Text>
      ) : null}
      {props.recording?.state === 'on' ? (
        <Text bold color={theme.level('crit').color}>{`  ${symbols.live} ${t.recording.mark}`}</Text>
      ) : null}
    </>
  );
  return (
    <Box flexDirection="column" width={width} height={2 + problems.length}>
      <Text wrap="truncate-end">
        {replayMark ? (
          <Text>
            <Text inverse bold color={theme.accent}>
              {replayMark}
            </Text>{' '}
          </Text>
        ) : null}
        {bellMark ? <Text bold>{`${bellMark} `}</Text> : null}
        {fitted.shown.map(({ state, text }) => (
          <Text key={state.id}>
            <Text inverse bold color={stateColor(state, theme)}>
              {text}
            </Text>{' '}
          </Text>
        ))}
        {fitted.more ? <Text bold>{`${fitted.more} `}</Text> : null}
        {fitted.shown.length ? <Text> </Text> : null}
        {/* With a state in front, the counts come next and the target after them. */}
        {fitted.shown.length ? health : identity}
        <Text>{'  '}</Text>
        {fitted.shown.length ? identity : health}
        <Text dimColor>{`  ${updated}`}</Text>
      </Text>
      <Text wrap="truncate-end">
        {fit(sums, Math.min(width, Math.max(60, stringWidth(sums))))}
        <Text dimColor>{` ${pace}`}</Text>
      </Text>
      {problems.map((problem, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines have no identity beyond their place
        <Text key={index} wrap="truncate-end" color={theme.level(problem.level).color}>
          {problem.text}
        </Text>
      ))}
    </Box>
  );
}
