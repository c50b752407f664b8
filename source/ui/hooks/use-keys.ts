import { type Key, useApp, useInput } from 'ink';
import type { RecordingSwitch } from '../../feed/recording-switch.js';
import type { ReplayControl } from '../../feed/replay-control.js';
import type { Messages } from '../../i18n/index.js';
import type { Language } from '../../language.js';
import type { MonitorCommands } from '../../monitor/monitor.js';
import type { InstanceView } from '../../monitor/store.js';
import type { Clock } from '../../time.js';
import { copyTarget } from '../copy-target.js';
import { filterEdit } from '../filter-edit.js';
import { keyPresses } from '../key-presses.js';
import { type Action, actionFor, interruptExitCode } from '../keymap.js';
import { editTimeEntry, isReplayAction, performReplay } from '../replay-keys.js';
import type { ViewStateHandle } from './use-view-state.js';

/** How long the footer confirms what `y` copied. */
const noticeMs = 3000;

export interface KeysInput {
  /** The rows in the order shown. */
  rows: readonly InstanceView[];
  /** Rows one page key moves. */
  pageSize: number;
  selected: InstanceView | undefined;
  view: ViewStateHandle;
  commands: MonitorCommands;
  /** Whether the feed can do what an action asks; an action it cannot do does nothing. */
  offered: (action: Action) => boolean;
  language: Language;
  t: Messages;
  clock: Clock;
  /** How long rows hold still after a key press. */
  freezeMs: number;
  onCopy: ((text: string) => void) | undefined;
  /** `--record`'s switch, for `R`. */
  recording?: RecordingSwitch | undefined;
  /** The replay's timeline, when the feed is a recording. */
  replay?: ReplayControl | undefined;
}

/** Turns key presses into view events and monitor commands, through the keymap. */
export function useKeys({
  rows,
  pageSize,
  selected,
  view: { viewRef, dispatch },
  commands,
  offered,
  language,
  t,
  clock,
  freezeMs,
  onCopy,
  recording,
  replay,
}: KeysInput): void {
  const { exit } = useApp();

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

  const notice = (text: string) => dispatch({ type: 'notice', text, until: clock.monotonic() + noticeMs });

  const perform = (action: Action) => {
    if (isReplayAction(action)) return replay ? performReplay(action, replay, dispatch) : undefined;
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
        return commands.setLanguage(language === 'en-us' ? 'zh-cn' : 'en-us');
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
        return selected ? dispatch({ type: 'open', screen: 'details', key: selected.key }) : undefined;
      case 'drill':
        return selected ? dispatch({ type: 'open', screen: 'drill', key: selected.key }) : undefined;
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
      case 'toggleRecording': {
        if (!recording) return;
        recording.toggle();
        const text = recording.getState().state === 'off' ? t.recording.stopped : t.recording.resumed;
        return dispatch({ type: 'notice', text, until: clock.monotonic() + noticeMs });
      }
      case 'copy': {
        const copy = onCopy && copyTarget(viewRef.current.screen, selected, t);
        if (!copy) return;
        onCopy?.(copy.text);
        return dispatch({ type: 'notice', text: copy.notice, until: clock.monotonic() + noticeMs });
      }
    }
  };

  /** While the filter is typed, keys are its text; Ctrl-C still interrupts. */
  const editFilter = (input: string, key: Key) => {
    const edit = filterEdit(viewRef.current.filter, input, key);
    if (edit.kind === 'interrupt') return perform('interrupt');
    if (edit.kind === 'end') return dispatch({ type: 'endFilter', keep: edit.keep });
    if (edit.kind === 'text') return dispatch({ type: 'editFilter', text: edit.text });
  };

  const handleKey = (input: string, key: Key) => {
    // The drill-down page reads its own keys (ui/drill/use-drill-keys.ts).
    if (viewRef.current.screen === 'drill') return;
    if (viewRef.current.editingFilter) return editFilter(input, key);
    const { timeEntry } = viewRef.current;
    if (timeEntry !== null && replay) {
      const interrupt = () => perform('interrupt');
      return editTimeEntry({ text: timeEntry, input, key, replay, t, dispatch, notice, interrupt });
    }
    const action = actionFor(viewRef.current.screen, input, key, offered);
    if (action) perform(action);
  };

  useInput((input, key) => {
    for (const [one, itsKey] of keyPresses(input, key)) handleKey(one, itsKey);
  });
}
