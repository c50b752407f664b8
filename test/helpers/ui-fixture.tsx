import { render } from 'ink-testing-library';
import { ApiError } from '../../source/cloud/api-error.js';
import type { Language } from '../../source/language.js';
import type { MonitorCommands } from '../../source/monitor/monitor.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import type { MonitorStore } from '../../source/monitor/store.js';
import type { SessionOverview } from '../../source/overview.js';
import { App } from '../../source/ui/App.js';
import { createTheme } from '../../source/ui/theme.js';
import { FakeClock } from './fake-clock.js';
import { FakeTimers } from './fake-timers.js';
import { testStore } from './store.js';

export const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 30));

export interface Fixture {
  clock: FakeClock;
  timers: FakeTimers;
  store: MonitorStore;
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

/** The App on a real MonitorStore with a fake clock; commands are recorded, and language and pause take effect. */
export function renderApp(
  names: string[],
  size = { width: 100, height: 20 },
  options: {
    freezeMs?: number;
    ascii?: boolean;
    intervalMs?: number;
    insecure?: boolean;
    credentialChoice?: { used: string; ignored: string[] };
  } = {},
): Fixture {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  const keys = names.map((name) => `https://fake p ${name}`);
  const store = testStore(
    names.map((name, index) => ({
      key: keys[index] ?? name,
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
  const commands: MonitorCommands = {
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
  const ui = render(
    <App
      store={store}
      commands={commands}
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
    />,
  );
  const fixture: Fixture = {
    clock,
    timers,
    store,
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
        new ApiError({
          status,
          code,
          message: 'The instance does not exist.',
          requestId: 'req-42',
          retryable: false,
          retryAfterMs: null,
        }),
        10,
      );
      store.flush();
    },
    async press(...inputs) {
      for (const input of inputs) {
        ui.stdin.write(input);
        await tick();
      }
    },
    frame: () => ui.lastFrame() ?? '',
    lines: () => (ui.lastFrame() ?? '').split('\n'),
  };
  return fixture;
}
