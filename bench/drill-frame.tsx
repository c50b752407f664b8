// Frame cost of the sessions page: the real App rendered by Ink into a fake 120x54 terminal, the
// Sessions tab open on an instance with 200 sessions (the API's most), each frame after a new answer
// in which every session's runtime moved on. Measures publishing the answer to Ink finishing the frame.
// Usage: NODE_ENV=production node --import tsx --import ./bench/bundle-widths.ts bench/drill-frame.tsx
//        [--frames 200] [--tab 1]   (bundle-widths: text measured as the binary measures it)
import { render } from 'ink';
import { noCommands } from '../source/feed/feed.js';
import { liveFeed } from '../source/feed/live-feed.js';
import { defaultThresholds } from '../source/monitor/severity.js';
import { MonitorStore } from '../source/monitor/store.js';
import { noTimers, systemClock } from '../source/time.js';
import { App } from '../source/ui/App.js';
import { createTheme } from '../source/ui/theme.js';
import { fakeDrill, session, sessionsPart } from '../test/helpers/fake-drill.js';
import { FakeKeyboard, FakeTerminal } from './fake-terminal.js';
import { arg, median, quick, report } from './lib.js';

const frames = arg('frames', quick ? 20 : 200);
const tab = String(arg('tab', 1));

const store = new MonitorStore(
  [
    {
      key: 'k',
      endpoint: 'https://gaussdb.example.com',
      projectId: 'p'.repeat(32),
      instanceId: 'i'.repeat(36),
      name: 'ledger-06',
    },
  ],
  {
    clock: systemClock,
    thresholds: defaultThresholds,
    language: 'en-us',
    status: {
      paused: false,
      intervalMs: 5000,
      configuredRate: 10,
      effectiveRate: 10,
      throttledUntil: null,
      credentials: [],
      discovery: [],
    },
    timers: noTimers,
  },
);
store.recordSuccess('k', { total: 200, active: 80, slowSql: 12, lock: 45 }, 5);
store.flush();
const drill = fakeDrill('k');
const sessions = (frame: number) =>
  Array.from({ length: 200 }, (_, index) =>
    session(String(10_000 + index), {
      // A lock storm: a quarter wait, in chains of up to four behind a handful of holders.
      block_session: index % 4 === 0 && index > 0 ? String(10_000 + index - 1) : null,
      query_runtime: (index * 997 + frame * 1000) % 600_000,
      query: `UPDATE accounts SET balance = balance - ${index} WHERE id = ${index * 7} /* frame ${frame} */`,
    }),
  );
drill.set({ sessions: sessionsPart(sessions(0)) });

const terminal = new FakeTerminal();
const keyboard = new FakeKeyboard();
let onFrame: (() => void) | undefined;
const instance = render(
  <App
    feed={{
      ...liveFeed({ store, commands: noCommands }),
      capabilities: new Set(['drill']),
      openDrill: () => drill,
    }}
    width={terminal.columns}
    height={terminal.rows}
    clock={systemClock}
    theme={createTheme(true)}
    thresholds={defaultThresholds}
    target="bench"
  />,
  {
    stdout: terminal as unknown as NodeJS.WriteStream,
    stdin: keyboard as unknown as NodeJS.ReadStream,
    interactive: true,
    incrementalRendering: true,
    maxFps: 1000,
    patchConsole: false,
    exitOnCtrlC: false,
    onRender: () => onFrame?.(),
  },
);
await new Promise((resolve) => setTimeout(resolve, 50));
keyboard.type('\r');
await new Promise((resolve) => setTimeout(resolve, 50));
keyboard.type(tab);
await new Promise((resolve) => setTimeout(resolve, 50));

const frameMs: number[] = [];
const bytesPerFrame: number[] = [];
for (let frame = 1; frame <= frames; frame++) {
  const bytesBefore = terminal.bytes;
  const done = new Promise<void>((resolve) => {
    onFrame = resolve;
  });
  const started = performance.now();
  drill.set({ sessions: sessionsPart(sessions(frame)) });
  await done;
  frameMs.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 5));
  bytesPerFrame.push(terminal.bytes - bytesBefore);
}
instance.unmount();

const sorted = [...frameMs].sort((a, b) => a - b);
report(
  `Sessions page frame cost: tab ${tab}, 200 sessions, every runtime changed per answer (${frames} frames)`,
  [
    ['median frame', `${median(frameMs).toFixed(2)} ms (budget <= 10 ms)`],
    ['95th percentile', `${(sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(2)} ms`],
    ['bytes per frame', `${median(bytesPerFrame).toFixed(0)} (median)`],
  ],
);
process.exit(0);
