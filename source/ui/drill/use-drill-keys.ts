import { type Key, useApp, useInput } from 'ink';
import { useEffect, useRef } from 'react';
import { killOutcome } from '../../drill/kill-outcome.js';
import type { DrillSnapshot, DrillSource, DrillTab } from '../../drill/source.js';
import { drillTabs } from '../../drill/source.js';
import type { Messages } from '../../i18n/index.js';
import type { Language } from '../../language.js';
import type { MonitorCommands } from '../../monitor/monitor.js';
import { printable } from '../../server-text.js';
import type { Clock } from '../../time.js';
import { filterEdit } from '../filter-edit.js';
import { keyPresses } from '../key-presses.js';
import { type Action, actionFor, interruptExitCode } from '../keymap.js';
import type { DrillEvent, DrillView } from './drill-state.js';
import { selectableRows, shownSelection, type TabTable } from './tab-table.js';
import { sessionOf } from './tab-tables.js';

const noticeMs = 3000;

export interface DrillKeysInput {
  source: DrillSource | null;
  snapshot: DrillSnapshot | null;
  viewRef: { readonly current: DrillView };
  dispatch: (event: DrillEvent) => void;
  /** The current tab's rows, as shown. */
  table: TabTable;
  pageSize: number;
  commands: MonitorCommands;
  offered: (action: Action) => boolean;
  language: Language;
  t: Messages;
  clock: Clock;
  onCopy: ((text: string) => void) | undefined;
  /** Back to the grid: the page closes and its polling stops. */
  onBack: () => void;
  /** The Top SQL statement a row stands for. */
  queryOf: (key: string) => string | undefined;
  /** The session the kill question on screen names (null when none is drawn). */
  shownQuestion: string | null;
}

/** The drill-down page's keys: tabs, rows, filter and sort, details, copy, and kill behind its `y`. */
export function useDrillKeys(input: DrillKeysInput): void {
  const { exit } = useApp();
  const { source, snapshot, viewRef, dispatch, table, pageSize, commands, offered, language, t, clock } =
    input;
  const notice = (text: string) => dispatch({ type: 'notice', text, until: clock.monotonic() + noticeMs });
  const rows = selectableRows(table);
  const selectedKey = () => shownSelection(table, viewRef.current.selected[viewRef.current.tab]);
  // The kill question as last drawn: `y` answers only a question the user has seen.
  const questionShown = useRef<string | null>(null);
  useEffect(() => {
    questionShown.current = input.shownQuestion;
  }, [input.shownQuestion]);
  const moveBy = (step: number | 'first' | 'last') => {
    const at = Math.max(
      0,
      rows.findIndex((row) => row.key === selectedKey()),
    );
    const index = step === 'first' ? 0 : step === 'last' ? rows.length - 1 : at + step;
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (row) dispatch({ type: 'select', key: row.key });
  };
  const chosenSession = () =>
    snapshot
      ? sessionOf(
          snapshot,
          viewRef.current.detail ?? (isSessionTab(viewRef.current.tab) ? selectedKey() : undefined),
        )
      : undefined;

  const copy = (text: string | undefined, what: string) => {
    if (!text || !input.onCopy) return;
    input.onCopy(text);
    notice(what);
  };

  const kill = (sessionId: string) => {
    dispatch({ type: 'endKill' });
    if (!source) return;
    notice(t.drill.kill.sending);
    source.kill([sessionId]).then(
      (result) =>
        notice(
          killOutcome(result, sessionId) === 'killed'
            ? t.drill.kill.killed(sessionId)
            : t.drill.kill.notKilled(sessionId),
        ),
      (error: unknown) =>
        notice(t.drill.kill.failed(printable(error instanceof Error ? error.message : String(error)))),
    );
  };

  const perform = (action: Action, key: string) => {
    const inDetail = viewRef.current.detail !== null;
    switch (action) {
      case 'interrupt':
        return exit(interruptExitCode);
      case 'back':
        return inDetail ? dispatch({ type: 'closeDetail' }) : input.onBack();
      case 'togglePause':
        return commands.togglePause();
      case 'refresh':
        return source?.refreshNow();
      case 'toggleLanguage':
        return commands.setLanguage(language === 'en-us' ? 'zh-cn' : 'en-us');
      case 'up':
        return inDetail ? dispatch({ type: 'scrollDetail', by: -1 }) : moveBy(-1);
      case 'down':
        return inDetail ? dispatch({ type: 'scrollDetail', by: 1 }) : moveBy(1);
      case 'pageUp':
        return inDetail ? dispatch({ type: 'scrollDetail', by: -pageSize }) : moveBy(-pageSize);
      case 'pageDown':
        return inDetail ? dispatch({ type: 'scrollDetail', by: pageSize }) : moveBy(pageSize);
      case 'first':
        return moveBy('first');
      case 'last':
        return moveBy('last');
      case 'nextTab':
        return dispatch({ type: 'stepTab', direction: 1 });
      case 'previousTab':
        return dispatch({ type: 'stepTab', direction: -1 });
      case 'showTab': {
        const tab = drillTabs[Number(key) - 1];
        return tab ? dispatch({ type: 'tab', tab }) : undefined;
      }
      case 'nextNode':
        return source?.nextNode();
      case 'filter':
        return viewRef.current.tab === 'sessions' ? dispatch({ type: 'startFilter' }) : undefined;
      case 'clearFilter':
        return viewRef.current.filter ? dispatch({ type: 'endFilter', keep: false }) : undefined;
      case 'nextSort':
        return dispatch({ type: 'nextSort' });
      case 'reverseSort':
        return dispatch({ type: 'reverseSort' });
      case 'details': {
        const row = selectedKey();
        const opens =
          viewRef.current.tab === 'topSql' ||
          (isSessionTab(viewRef.current.tab) && snapshot && sessionOf(snapshot, row));
        return row && opens ? dispatch({ type: 'openDetail', key: row }) : undefined;
      }
      case 'copy': {
        if (viewRef.current.tab === 'topSql')
          return copy(input.queryOf(viewRef.current.detail ?? selectedKey() ?? ''), t.drill.copiedSql);
        return copy(chosenSession()?.query ?? undefined, t.drill.copiedSql);
      }
      case 'copyId': {
        const session = chosenSession();
        return copy(session?.session_id, session ? t.drill.copiedId(session.session_id) : '');
      }
      case 'kill': {
        if (!snapshot?.canKill) return notice(t.drill.kill.off);
        const session = chosenSession();
        return session ? dispatch({ type: 'askKill', sessionId: session.session_id }) : undefined;
      }
    }
  };

  const editFilter = (text: string, key: Key) => {
    const edit = filterEdit(viewRef.current.filter, text, key);
    if (edit.kind === 'interrupt') return exit(interruptExitCode);
    if (edit.kind === 'end') return dispatch({ type: 'endFilter', keep: edit.keep });
    if (edit.kind === 'text') return dispatch({ type: 'editFilter', text: edit.text });
  };

  /** `alone`: the key arrived by itself, not in a chunk of several (fast typing, a paste, send-keys). */
  const handleKey = (text: string, key: Key, alone: boolean) => {
    const { confirmKill, editingFilter, detail } = viewRef.current;
    // Only `y` kills, pressed by itself once the question is on screen: "Ky" in one chunk, or a paste
    // of "Kyoto", must never kill. Any other key (Esc, q, n, Enter...) cancels; Ctrl-C still leaves.
    if (confirmKill !== null) {
      if (key.ctrl && text === 'c') return exit(interruptExitCode);
      const answered = alone && questionShown.current === confirmKill;
      if (text === 'y' && answered && !key.ctrl && !key.meta) return kill(confirmKill);
      dispatch({ type: 'endKill' });
      return notice(t.drill.kill.cancelled);
    }
    if (editingFilter) return editFilter(text, key);
    const action = actionFor(detail === null ? 'drill' : 'session', text, key, offered);
    if (action) perform(action, text);
  };

  useInput((text, key) => {
    const presses = keyPresses(text, key);
    for (const [one, itsKey] of presses) handleKey(one, itsKey, presses.length === 1);
  });
}

const isSessionTab = (tab: DrillTab) => tab === 'sessions' || tab === 'blocking';
