import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import type { DrillSnapshot } from '../../drill/source.js';
import { drillTabs } from '../../drill/source.js';
import type { Feed } from '../../feed/feed.js';
import type { Messages } from '../../i18n/index.js';
import type { Language } from '../../language.js';
import { metrics } from '../../metrics.js';
import type { MonitorCommands } from '../../monitor/monitor.js';
import type { InstanceView } from '../../monitor/store.js';
import { printable } from '../../server-text.js';
import type { Clock, Timers } from '../../time.js';
import { fit, formatAge } from '../format.js';
import { useRefReducer } from '../hooks/use-ref-reducer.js';
import type { Action } from '../keymap.js';
import type { Theme } from '../theme.js';
import { drillReducer, initialDrillView } from './drill-state.js';
import { KillConfirm } from './KillConfirm.js';
import { RowList, rowMarkWidth } from './RowList.js';
import { detailLines, queryLines, TextPage } from './SessionDetail.js';
import { topSqlByKey } from './tab-lists.js';
import { shownSelection } from './tab-table.js';
import { partOf, sessionOf, tabTable } from './tab-tables.js';
import { useDrillKeys } from './use-drill-keys.js';
import { useDrillSource } from './use-drill-source.js';

export interface DrillPageProps {
  feed: Feed;
  view: InstanceView;
  t: Messages;
  theme: Theme;
  width: number;
  height: number;
  now: number;
  clock: Clock;
  timers: Timers;
  commands: MonitorCommands;
  offered: (action: Action) => boolean;
  language: Language;
  onCopy: ((text: string) => void) | undefined;
  onBack: () => void;
}

/** Lines above the tab's rows: the instance with its counts, the tabs, the tab's state. */
const chromeLines = 3;

/** The node the session calls use, as `cn_5001 (CN master) 1/3`. */
function nodeText(snapshot: DrillSnapshot | null, t: Messages): string {
  const nodes = snapshot?.nodes.data;
  const node = nodes?.[snapshot?.nodeIndex ?? 0];
  if (!nodes || !node) return snapshot?.nodes.error ? `${t.drill.node} ?` : '';
  const kind = [node.type, node.role].filter(Boolean).join(' ');
  return `${t.drill.node} ${printable(node.node_name ?? node.node_id)}${kind ? ` (${printable(kind)})` : ''} ${snapshot.nodeIndex + 1}/${nodes.length}`;
}

/** One instance's sessions: who is there, who blocks whom, by whom, waiting on what, running what. */
export function DrillPage(props: DrillPageProps) {
  const { feed, view, t, theme, width, height, now, clock, timers } = props;
  const { source, snapshot } = useDrillSource(feed, view.key);
  const { state, stateRef, dispatch } = useRefReducer(drillReducer, initialDrillView);
  useEffect(() => {
    source?.setTab(state.tab);
  }, [source, state.tab]);
  useEffect(() => {
    if (!state.notice) return;
    const timer = timers.set(
      () => dispatch({ type: 'expire', now: clock.monotonic() }),
      Math.max(0, state.notice.until - clock.monotonic()),
    );
    return () => timers.clear(timer);
  }, [state.notice, timers, clock, dispatch]);

  const bodyHeight = Math.max(1, height - chromeLines);
  const table = useMemo(
    () =>
      snapshot
        ? tabTable(snapshot, state, width - rowMarkWidth, t, theme)
        : { heading: '', rows: [], empty: `${theme.symbols.ellipsis} ${t.drill.loading}` },
    [snapshot, state, width, t, theme],
  );
  const queryOf = (key: string) => topSqlByKey(snapshot?.topSql.data ?? [], key)?.query;
  useDrillKeys({
    ...props,
    source,
    snapshot,
    viewRef: stateRef,
    dispatch,
    table,
    pageSize: Math.max(1, bodyHeight - 1),
    queryOf,
    shownQuestion: state.confirmKill,
  });

  const counts = view.latest
    ? metrics.map((metric) => `${t.metrics[metric]} ${view.latest?.overview[metric]}`).join('  ')
    : t.notYetAsked;
  const style = theme.level(view.level);
  const title = (
    <Text wrap="truncate-end">
      <Text bold color={theme.accent}>{`${t.drill.title} `}</Text>
      <Text bold>{printable(view.name)}</Text>
      <Text color={style.color}>{`  ${style.glyph} ${counts}`}</Text>
      <Text dimColor>{`  ${nodeText(snapshot, t)}`}</Text>
    </Text>
  );
  const tabs = (
    <Text wrap="truncate-end">
      {drillTabs.map((tab, index) => (
        <Text
          key={tab}
          inverse={tab === state.tab}
          bold={tab === state.tab}
        >{` ${index + 1} ${t.drill.tabs[tab]} `}</Text>
      ))}
    </Text>
  );
  const part = snapshot ? partOf(snapshot, state.tab) : null;
  const status = [
    snapshot?.paused ? t.drill.paused : '',
    part?.error
      ? `${theme.level('error').glyph} ${printable(part.error.code)} ${printable(part.error.message)}`
      : '',
    part?.at != null ? t.drill.updated(formatAge(now - part.at)) : '',
    part?.loading ? `${theme.symbols.ellipsis}` : '',
    (state.tab === 'sessions' || state.tab === 'blocking') && snapshot?.sessions.data?.truncated
      ? t.drill.truncated
      : '',
    state.editingFilter || state.filter
      ? `${t.footer.filter}${state.filter}${state.editingFilter ? '▏' : ''}`
      : '',
  ].filter(Boolean);
  const statusLine = (
    <Text wrap="truncate-end" color={part?.error ? theme.level('error').color : undefined}>
      {fit(state.notice ? state.notice.text : status.join('  ·  '), width)}
    </Text>
  );

  const detailSession = state.detail && snapshot ? sessionOf(snapshot, state.detail) : undefined;
  const detailQuery = state.detail && state.tab === 'topSql' ? queryOf(state.detail) : undefined;
  const confirmSession = state.confirmKill && snapshot ? sessionOf(snapshot, state.confirmKill) : undefined;
  let body: React.ReactNode;
  if (state.confirmKill) {
    body = (
      <KillConfirm
        sessionId={state.confirmKill}
        session={confirmSession}
        instance={view}
        node={nodeText(snapshot, t)}
        t={t}
        theme={theme}
        width={width}
        height={bodyHeight}
      />
    );
  } else if (detailQuery !== undefined) {
    body = <TextPage lines={queryLines(detailQuery, width)} height={bodyHeight} top={state.detailTop} />;
  } else if (detailSession) {
    body = (
      <TextPage lines={detailLines(detailSession, t, width)} height={bodyHeight} top={state.detailTop} />
    );
  } else {
    body = (
      <RowList
        table={table}
        selectedKey={shownSelection(table, state.selected[state.tab]) ?? null}
        width={width}
        height={bodyHeight}
        theme={theme}
      />
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      {title}
      {tabs}
      {statusLine}
      {body}
    </Box>
  );
}
