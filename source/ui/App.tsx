import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import type { Feed } from '../feed/feed.js';
import type { RecordingSwitch } from '../feed/recording-switch.js';
import { staleAfterMs } from '../feed/staleness.js';
import { messages } from '../i18n/index.js';
import type { Thresholds } from '../monitor/severity.js';
import { type Clock, systemTimers, type Timers } from '../time.js';
import { allowed } from './capabilities.js';
import { Details } from './Details.js';
import { DrillPage } from './drill/DrillPage.js';
import { Footer } from './Footer.js';
import { Grid } from './Grid.js';
import { Header, headerHeight } from './Header.js';
import { Help } from './Help.js';
import { useGridScroll } from './hooks/use-grid-scroll.js';
import { useKeys } from './hooks/use-keys.js';
import { useRecording } from './hooks/use-recording.js';
import { useReplayPosition } from './hooks/use-replay-position.js';
import { useScreenTime } from './hooks/use-screen-time.js';
import { useShownRows } from './hooks/use-shown-rows.js';
import { useShownSnapshot } from './hooks/use-shown-snapshot.js';
import { useViewState } from './hooks/use-view-state.js';
import { gridColumns, longestNameWidth, minimumSize } from './layout.js';
import { summarise } from './summary.js';
import { Timeline } from './Timeline.js';
import { titleText } from './terminal-title.js';
import type { Theme } from './theme.js';

export interface AppProps {
  /** Where the numbers come from: the live poller, later a replay or a remote poller. */
  feed: Feed;
  width: number;
  height: number;
  clock: Clock;
  theme: Theme;
  thresholds: Thresholds;
  /** Endpoint or region, as the header names the target. */
  target: string;
  demo?: boolean;
  /** How long rows hold still after a key press. */
  freezeMs?: number;
  onTitle?: (title: string) => void;
  /** Puts text on the user's clipboard (OSC 52); `y` is a no-op without it. */
  onCopy?: (text: string) => void;
  /** Timers for ageing labels and for the end of a held order or a notice; tests pass fake ones. */
  timers?: Timers;
  /** TLS certificates are not verified (`--insecure`): the header says so first. */
  insecure?: boolean;
  /** Which credentials are used and which are ignored, for help. */
  credentialChoice?: { used: string; ignored: readonly string[] } | undefined;
  /** `--record`'s switch: the header shows its state and `R` flips it. */
  recording?: RecordingSwitch | undefined;
  /** `--bell` or `--notify` is armed: the header marks it. */
  alertsArmed?: boolean | undefined;
}

/** The live screen: header, grid, help or details, footer. The hooks in ui/hooks/ do the work. */
export function App({
  feed,
  width,
  height,
  clock,
  theme,
  thresholds,
  target,
  demo = false,
  freezeMs = 3000,
  onTitle,
  onCopy,
  timers = systemTimers,
  insecure = false,
  credentialChoice,
  recording,
  alertsArmed = false,
}: AppProps) {
  // While paused: the snapshot as it was, and time that moves in coarse steps only.
  const { snapshot, pausedAt } = useShownSnapshot(feed, clock);
  const viewState = useViewState(clock, timers);
  const { view } = viewState;
  const t = messages(snapshot.language);
  // Only what the feed can do is offered: keys, footer and help alike.
  const offered = useMemo(
    () => (action: Parameters<typeof allowed>[0]) =>
      action === 'toggleRecording' ? recording !== undefined : allowed(action, feed),
    [feed, recording],
  );
  const recordingState = useRecording(recording);
  const { replay } = feed;
  const replayPosition = useReplayPosition(replay);
  const staleAfter = staleAfterMs(snapshot);
  const busy = view.frozen !== null || view.screen === 'details' || view.screen === 'drill';
  // A replay's ages and levels are taken at the replayed moment; key timings stay in real time.
  const screenClock = replay?.clock ?? clock;
  const now = useScreenTime({
    snapshot,
    pausedAt,
    staleAfterMs: staleAfter,
    busy,
    clock: screenClock,
    timers,
    publishedTime: replay !== undefined,
  });
  // Counts, sums and order hold still while paused; rows still age, in the pause's steps.
  const summary = summarise(snapshot.instances, pausedAt ?? now, staleAfter);
  const title = titleText(summary, t, demo);
  useEffect(() => {
    onTitle?.(title);
  }, [title, onTitle]);

  const rows = useShownRows(
    snapshot.instances,
    view,
    pausedAt ?? now,
    replay ? clock.monotonic() : now,
    thresholds,
  );
  const longestName = useMemo(() => longestNameWidth(snapshot.instances), [snapshot.instances]);
  const columns = useMemo(() => gridColumns(width, t, longestName), [width, t, longestName]);
  const problemLimit = height >= 16 ? 2 : 1;
  const gridHeight = height - headerHeight(snapshot, problemLimit) - (replayPosition ? 2 : 1);
  const pageSize = Math.max(1, gridHeight - 1);
  const { top, selected } = useGridScroll(rows, view.selectedKey, pageSize);
  // The sessions page stays on the instance it was opened for, even if a filter or rediscovery moves it.
  const pinned =
    view.screen === 'drill'
      ? snapshot.instances.find((instance) => instance.key === view.selectedKey)
      : undefined;
  const pageGone = view.screen === 'drill' && !pinned;
  useEffect(() => {
    if (pageGone) viewState.dispatch({ type: 'screen', screen: 'grid' });
  }, [pageGone, viewState.dispatch]);
  useKeys({
    rows,
    pageSize,
    selected,
    view: viewState,
    commands: feed.commands,
    offered,
    language: snapshot.language,
    t,
    clock,
    freezeMs,
    onCopy,
    recording,
    replay,
  });

  if (width < minimumSize.columns || height < minimumSize.rows) {
    return (
      <Box width={width} height={Math.max(1, height)}>
        <Text wrap="truncate-end">{t.tooSmall(minimumSize.columns, minimumSize.rows, width, height)}</Text>
      </Box>
    );
  }

  const header = (
    <Header
      snapshot={snapshot}
      summary={summary}
      t={t}
      theme={theme}
      width={width}
      target={target}
      demo={demo}
      // The header stays as it was when paused (countdowns too: nothing is tried while paused).
      now={pausedAt ?? now}
      pausedForMs={pausedAt === null ? null : now - pausedAt}
      insecure={insecure}
      problemLimit={problemLimit}
      recording={recordingState}
      replayAt={replayPosition?.at}
      alertsArmed={alertsArmed}
    />
  );
  let body: React.ReactNode;
  if (view.screen === 'help') {
    body = (
      <Help
        t={t}
        language={snapshot.language}
        theme={theme}
        width={width}
        height={gridHeight}
        thresholds={thresholds}
        credentials={credentialChoice}
        offered={offered}
      />
    );
  } else if (view.screen === 'drill' && pinned) {
    body = (
      <DrillPage
        // A page belongs to one instance: another instance is another page, with nothing carried over.
        key={pinned.key}
        feed={feed}
        view={pinned}
        t={t}
        theme={theme}
        width={width}
        height={gridHeight}
        now={now}
        clock={clock}
        timers={timers}
        commands={feed.commands}
        offered={offered}
        language={snapshot.language}
        onCopy={onCopy}
        onBack={() => viewState.dispatch({ type: 'screen', screen: 'grid' })}
      />
    );
  } else if (view.screen === 'details' && selected) {
    body = (
      <Details
        view={selected}
        history={feed.history(selected.key)}
        now={now}
        t={t}
        theme={theme}
        width={width}
        height={gridHeight}
        thresholds={thresholds}
      />
    );
  } else {
    body = (
      <Grid
        rows={rows}
        columns={columns}
        top={top}
        height={gridHeight}
        width={width}
        selectedKey={selected?.key ?? null}
        sort={view.sort}
        now={now}
        staleAfterMs={staleAfter}
        t={t}
        theme={theme}
        thresholds={thresholds}
        noFleet={snapshot.instances.length === 0}
      />
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {header}
      {body}
      {replayPosition ? (
        <Timeline position={replayPosition} entry={view.timeEntry} t={t} theme={theme} width={width} />
      ) : null}
      <Footer
        t={t}
        language={snapshot.language}
        theme={theme}
        width={width}
        filter={view.filter}
        editingFilter={view.editingFilter}
        sort={view.sort}
        shown={rows.length}
        total={snapshot.instances.length}
        notice={view.notice?.text}
        offered={offered}
        screen={view.screen === 'drill' && pinned ? 'drill' : 'grid'}
      />
    </Box>
  );
}
