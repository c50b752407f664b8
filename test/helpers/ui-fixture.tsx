import { render } from 'ink-testing-library';
import type { DrillSource } from '../../source/drill/source.js';
import type { Capability, Feed } from '../../source/feed/feed.js';
import type { RecordingState, RecordingSwitch } from '../../source/feed/recording-switch.js';
import type { Language } from '../../source/language.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import type { MonitorStore } from '../../source/monitor/store.js';
import type { SessionOverview } from '../../source/overview.js';
import { App } from '../../source/ui/App.js';
import { createTheme } from '../../source/ui/theme.js';
import { apiError } from './errors.js';
import { FakeClock } from './fake-clock.js';
import { FakeTimers } from './fake-timers.js';
import { testStore } from './store.js';

/**
 * Lets React and Ink finish what a key or a store change started: input handling, the render, the
 * passive effects. They are scheduled on the event loop's check phase, so a few turns of it settle
 * them; no wall-clock time passes (the fixture's own clock and timers are fake).
 */
/** Ink's own hold on a lone Esc (ink/build/components/App.js, pendingInputFlushDelayMilliseconds), plus margin. */
const inkEscapeHoldMs = 40;

export async function tick(): Promise<void> {
  for (let turn = 0; turn < 8; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface Fixture {
  clock: FakeClock;
  timers: FakeTimers;
  store: MonitorStore;
  /** What the App reads: the store, commands that record themselves, and the capabilities asked for. */
  feed: Feed;
  calls: string[];
  titles: string[];
  /** What `y` put on the clipboard. */
  copied: string[];
  ui: ReturnType<typeof render>;
  keys: string[];
  answer(index: number, overview: Partial<SessionOverview>): void;
  fail(index: number, code?: string, status?: number | null): void;
  press(...inputs: string[]): Promise<void>;
  frame(): string;
  lines(): string[];
}

const quiet: SessionOverview = { total: 10, active: 1, slowSql: 0, lock: 0 };

/** Everything the live poller can do. */
export const liveCapabilities: readonly Capability[] = ['pause', 'refresh', 'interval', 'language'];

/**
 * The App on a feed over a real MonitorStore with a fake clock; commands are recorded, and language and
 * pause take effect. Every instance is reached at `https://fake` unless `endpoints` says otherwise.
 */
export function renderApp(
  names: string[],
  size = { width: 100, height: 20 },
  options: {
    freezeMs?: number;
    ascii?: boolean;
    intervalMs?: number;
    insecure?: boolean;
    credentialChoice?: { used: string; ignored: string[] };
    /** What the feed can do (default: what the live poller can). */
    capabilities?: readonly Capability[];
    /** The endpoint of each instance, by index. */
    endpoints?: readonly string[];
    /** Gives the feed a drill-down page (and the `drill` capability). */
    openDrill?: (key: string) => DrillSource;
    /** `--record`'s switch. */
    recording?: RecordingSwitch;
    /** `--bell` or `--notify` is armed. */
    alertsArmed?: boolean;
  } = {},
): Fixture {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  const endpoints = names.map((_, index) => options.endpoints?.[index] ?? 'https://fake');
  const keys = names.map((name, index) => `${endpoints[index]} p ${name}`);
  const store = testStore(
    names.map((name, index) => ({
      key: keys[index] ?? name,
      endpoint: endpoints[index] ?? 'https://fake',
      projectId: 'p'.repeat(32),
      instanceId: `${name}-id`,
      name,
    })),
    clock,
    undefined,
    options.intervalMs,
  );
  const calls: string[] = [];
  const titles: string[] = [];
  const copied: string[] = [];
  let paused = false;
  const commands: Feed['commands'] = {
    togglePause() {
      paused = !paused;
      calls.push('togglePause');
      store.setStatus({ paused });
      store.flush();
    },
    refreshNow: () => calls.push('refreshNow'),
    setLanguage(language: Language) {
      calls.push(`setLanguage:${language}`);
      store.setLanguage(language);
    },
    stepInterval: (direction) => calls.push(`stepInterval:${direction}`),
  };
  const feed: Feed = {
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    history: (key) => store.history(key),
    commands,
    capabilities: new Set([
      ...(options.capabilities ?? liveCapabilities),
      ...(options.openDrill ? ['drill' as const] : []),
    ]),
    ...(options.openDrill ? { openDrill: options.openDrill } : {}),
  };
  const ui = render(
    <App
      feed={feed}
      width={size.width}
      height={size.height}
      clock={clock}
      theme={createTheme(true, options.ascii)}
      thresholds={defaultThresholds}
      target="cn-north-4"
      freezeMs={options.freezeMs ?? 3000}
      onTitle={(title) => titles.push(title)}
      onCopy={(text) => copied.push(text)}
      timers={timers}
      insecure={options.insecure}
      credentialChoice={options.credentialChoice}
      recording={options.recording}
      alertsArmed={options.alertsArmed}
    />,
  );
  const fixture: Fixture = {
    clock,
    timers,
    store,
    feed,
    calls,
    titles,
    copied,
    ui,
    keys,
    answer(index, overview) {
      store.recordSuccess(keys[index] ?? '', { ...quiet, ...overview }, 12);
      store.flush();
    },
    fail(index, code = 'DBS.200002', status = 404) {
      store.recordFailure(
        keys[index] ?? '',
        apiError({ status, code, message: 'The instance does not exist.', requestId: 'req-42' }),
        10,
      );
      store.flush();
    },
    async press(...inputs) {
      for (const input of inputs) {
        ui.stdin.write(input);
        // A lone Esc may be the start of an escape sequence: Ink holds it on a real 20 ms timer of its
        // own before it reports the key. Only then is there anything to settle.
        if (input.endsWith('\u001b'))
          await new Promise<void>((resolve) => setTimeout(resolve, inkEscapeHoldMs));
        await tick();
      }
    },
    frame: () => ui.lastFrame() ?? '',
    lines: () => (ui.lastFrame() ?? '').split('\n'),
  };
  return fixture;
}

/** A recording switch the test sets by hand; `toggles` counts `R`. */
export function fakeRecording(initial: RecordingState = { state: 'on' }) {
  let state = initial;
  const listeners = new Set<() => void>();
  const recording = {
    toggles: 0,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    set(next: RecordingState) {
      state = next;
      for (const listener of listeners) listener();
    },
    toggle() {
      recording.toggles++;
      recording.set(state.state === 'off' ? { state: 'on' } : { state: 'off' });
    },
  };
  return recording;
}
