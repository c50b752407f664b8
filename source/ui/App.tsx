import { Box, type Key, Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Feed } from '../feed/feed.js';
import { messages } from '../i18n/index.js';
import type { Thresholds } from '../monitor/severity.js';
import { type Clock, systemTimers, type Timers } from '../time.js';
import { allowed, offeredMessages } from './capabilities.js';
import { copyTarget } from './copy-target.js';
import { Details } from './Details.js';
import { Footer } from './Footer.js';
import { Grid } from './Grid.js';
import { Header, headerHeight } from './Header.js';
import { Help } from './Help.js';
import { useScreenTime } from './hooks/use-screen-time.js';
import { useShownSnapshot } from './hooks/use-shown-snapshot.js';
import { type Action, actionFor, interruptExitCode, keyPresses } from './keymap.js';
import { gridColumns, longestNameWidth, minimumSize } from './layout.js';
import { filterInstances, sortInstances } from './sort.js';
import { staleAfterMs, summarise } from './summary.js';
import { titleText } from './terminal-title.js';
import type { Theme } from './theme.js';
import { applyFrozenOrder, initialViewState, type ViewEvent, viewReducer } from './view-state.js';

export interface AppProps {
  /** Where the numbers come from, and what may be asked of it (keys it cannot serve are not offered). */
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
  /** Timers for ageing labels; tests pass fake ones. */
  timers?: Timers;
  /** TLS certificates are not verified (`--insecure`): the header says so first. */
  insecure?: boolean;
  /** Which credentials are used and which are ignored, for help. */
  credentialChoice?: { used: string; ignored: readonly string[] } | undefined;
}

/** How long the footer confirms what `y` copied. */
const noticeMs = 3000;

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
}: AppProps) {
  const { exit } = useApp();
  // While paused: the snapshot as it was, and time that moves in coarse steps only.
  const { snapshot, pausedAt } = useShownSnapshot(feed, clock);
  const [view, setView] = useState(initialViewState);
  // Keys arriving in one chunk ("jj", "/ord") must each see the state the previous one left.
  const viewRef = useRef(view);
  const dispatch = useCallback((event: ViewEvent) => {
    viewRef.current = viewReducer(viewRef.current, event);
    setView(viewRef.current);
  }, []);
  const topRef = useRef(0);
  const t = offeredMessages(messages(snapshot.language), feed);
  const staleAfter = staleAfterMs(snapshot);
  const busy = view.frozen !== null || view.screen === 'details';
  const now = useScreenTime({ snapshot, pausedAt, staleAfterMs: staleAfter, busy, clock, timers });
  // Counts, sums and order hold still while paused; rows still age, in the pause's steps.
  const summary = summarise(snapshot.instances, pausedAt ?? now, staleAfter);
  const title = titleText(summary, t, demo);

  useEffect(() => {
    onTitle?.(title);
  }, [title, onTitle]);

  const filtered = useMemo(
    () => filterInstances(snapshot.instances, view.filter),
    [snapshot.instances, view.filter],
  );
  // Only the age column needs the time to sort; other orders are recomputed only when data changes.
  const sortTime = view.sort.column === 'age' ? (pausedAt ?? now) : 0;
  const sorted = useMemo(
    () => sortInstances(filtered, view.sort, sortTime, thresholds),
    [filtered, view.sort, sortTime, thresholds],
  );
  const longestName = useMemo(() => longestNameWidth(snapshot.instances), [snapshot.instances]);
  const columns = useMemo(() => gridColumns(width, t, longestName), [width, t, longestName]);
  const rows = applyFrozenOrder(sorted, view.frozen, now);
  const selectedIndex = Math.max(
    0,
    rows.findIndex((row) => row.key === view.selectedKey),
  );
  const selected = rows[selectedIndex];
  const problemLimit = height >= 16 ? 2 : 1;
  const gridHeight = height - headerHeight(snapshot, problemLimit) - 1;
  const pageSize = Math.max(1, gridHeight - 1);
  let top = Math.min(topRef.current, Math.max(0, rows.length - pageSize));
  if (selectedIndex < top) top = selectedIndex;
  if (selectedIndex >= top + pageSize) top = selectedIndex - pageSize + 1;
  topRef.current = top;

  useEffect(() => {
    const until = Math.min(view.frozen?.until ?? Infinity, view.notice?.until ?? Infinity);
    if (!Number.isFinite(until)) return;
    const timer = timers.set(
      () => dispatch({ type: 'unfreeze', now: clock.monotonic() }),
      Math.max(0, until - clock.monotonic()),
    );
    return () => timers.clear(timer);
  }, [view.frozen, view.notice, clock, timers, dispatch]);

  const currentIndex = () =>
    Math.max(
      0,
      rows.findIndex((row) => row.key === viewRef.current.selectedKey),
    );
  const moveTo = (index: number) => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (target)
      dispatch({
        type: 'select',
        key: target.key,
        order: rows.map((row) => row.key),
        now: clock.monotonic(),
        freezeMs,
      });
  };

  const perform = (action: Action) => {
    if (!allowed(action, feed)) return;
    const { commands } = feed;
    switch (action) {
      case 'quit':
        return exit();
      case 'interrupt':
        return exit(interruptExitCode);
      case 'back':
        return dispatch({ type: 'screen', screen: 'grid' });
      case 'togglePause':
        return commands.togglePause();
      case 'refresh':
        return commands.refreshNow();
      case 'toggleLanguage':
        return commands.setLanguage(snapshot.language === 'en-us' ? 'zh-cn' : 'en-us');
      case 'help':
        return dispatch({ type: 'screen', screen: 'help' });
      case 'up':
        return moveTo(currentIndex() - 1);
      case 'down':
        return moveTo(currentIndex() + 1);
      case 'pageUp':
        return moveTo(currentIndex() - pageSize);
      case 'pageDown':
        return moveTo(currentIndex() + pageSize);
      case 'first':
        return moveTo(0);
      case 'last':
        return moveTo(rows.length - 1);
      case 'details':
        return selected ? dispatch({ type: 'screen', screen: 'details' }) : undefined;
      case 'filter':
        return dispatch({ type: 'startFilter' });
      case 'clearFilter':
        return viewRef.current.filter ? dispatch({ type: 'endFilter', keep: false }) : undefined;
      case 'nextSort':
        return dispatch({ type: 'nextSort' });
      case 'reverseSort':
        return dispatch({ type: 'reverseSort' });
      case 'intervalUp':
        return commands.stepInterval(1);
      case 'intervalDown':
        return commands.stepInterval(-1);
      case 'copy': {
        const copy = onCopy && copyTarget(viewRef.current.screen, selected, t);
        if (!copy) return;
        onCopy?.(copy.text);
        return dispatch({ type: 'notice', text: copy.notice, until: clock.monotonic() + noticeMs });
      }
    }
  };

  const handleKey = (input: string, key: Key) => {
    const current = viewRef.current;
    if (current.editingFilter) {
      if (key.ctrl && input === 'c') return perform('interrupt');
      if (key.escape) return dispatch({ type: 'endFilter', keep: false });
      if (key.return) return dispatch({ type: 'endFilter', keep: true });
      if (key.backspace || key.delete)
        return dispatch({ type: 'editFilter', text: [...current.filter].slice(0, -1).join('') });
      // Pasted text may carry newlines or escapes; the filter line must stay one printable line.
      const text = input.replace(/\p{Cc}/gu, '');
      if (text && !key.ctrl && !key.meta && !key.tab)
        return dispatch({ type: 'editFilter', text: current.filter + text });
      return;
    }
    const action = actionFor(current.screen, input, key);
    if (action) perform(action);
  };

  useInput((input, key) => {
    for (const [one, itsKey] of keyPresses(input, key)) handleKey(one, itsKey);
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
    />
  );
  let body: React.ReactNode;
  if (view.screen === 'help') {
    body = (
      <Help
        t={t}
        theme={theme}
        width={width}
        height={gridHeight}
        thresholds={thresholds}
        credentials={credentialChoice}
      />
    );
  } else if (view.screen === 'details' && selected) {
    body = (
      <Details
        view={selected}
        history={feed.history(selected.key)}
        endpoint={selected.endpoint}
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
      <Footer
        t={t}
        theme={theme}
        width={width}
        filter={view.filter}
        editingFilter={view.editingFilter}
        sort={view.sort}
        shown={rows.length}
        total={snapshot.instances.length}
        notice={view.notice?.text}
      />
    </Box>
  );
}
