// Frame cost: the real App rendered by Ink into a fake 120x54 terminal (50 grid rows visible) for
// 1,000 instances, each frame after a poll burst that changes 5% of the rows. Measures the time from
// publishing the burst to Ink finishing the frame, and how many frames one burst causes.
// Usage: node --import tsx bench/frame-cost.tsx [--instances 1000] [--frames 200]
import { render } from 'ink';
import { noCommands } from '../source/feed/feed.js';
import { liveFeed } from '../source/feed/live-feed.js';
import { defaultThresholds } from '../source/monitor/severity.js';
import { MonitorStore } from '../source/monitor/store.js';
import { noTimers, systemClock } from '../source/time.js';
import { App } from '../source/ui/App.js';
import { createTheme } from '../source/ui/theme.js';
import { FakeKeyboard, FakeTerminal } from './fake-terminal.js';
import { arg, median, quick, report } from './lib.js';

const instances = arg('instances', quick ? 100 : 1000);
const frames = arg('frames', quick ? 20 : 200);
const changedShare = 0.05;

const keys = Array.from({ length: instances }, (_, index) => `k${index}`);
const store = new MonitorStore(
  keys.map((key, index) => ({
    key,
    endpoint: 'https://gaussdb.example.com',
    projectId: 'p'.repeat(32),
    instanceId: `${key}id`,
    name: `instance-${String(index).padStart(4, '0')}`,
  })),
  {
    clock: systemClock,
    thresholds: defaultThresholds,
    language: 'en-us',
    status: {
      paused: false,
      intervalMs: 5000,
      configuredRate: 100,
      effectiveRate: 100,
      throttledUntil: null,
      credentials: [],
      discovery: [],
    },
    // The benchmark publishes each burst itself.
    timers: noTimers,
  },
);
for (const key of keys) store.recordSuccess(key, { total: 100, active: 10, slowSql: 0, lock: 0 }, 5);
store.flush();

const terminal = new FakeTerminal();
let renders = 0;
let onFrame: (() => void) | undefined;
const instance = render(
  <App
    feed={liveFeed({ store, commands: noCommands })}
    width={terminal.columns}
    height={terminal.rows}
    clock={systemClock}
    theme={createTheme(true)}
    thresholds={defaultThresholds}
    target="bench"
  />,
  {
    stdout: terminal as unknown as NodeJS.WriteStream,
    stdin: new FakeKeyboard() as unknown as NodeJS.ReadStream,
    interactive: true,
    incrementalRendering: true,
    maxFps: 1000,
    patchConsole: false,
    exitOnCtrlC: false,
    onRender: () => {
      renders++;
      onFrame?.();
    },
  },
);
await new Promise((resolve) => setTimeout(resolve, 50));

const frameMs: number[] = [];
const rendersPerBurst: number[] = [];
const bytesPerFrame: number[] = [];
for (let frame = 0; frame < frames; frame++) {
  // A burst: 5% of instances answer with new counts, some of them visible.
  for (let index = 0; index < instances * changedShare; index++) {
    const key = keys[(frame * 37 + index * 20) % instances] as string;
    store.recordSuccess(
      key,
      { total: 101 + frame, active: 11 + (frame % 40), slowSql: frame % 3, lock: frame % 2 },
      5,
    );
  }
  const before = renders;
  const bytesBefore = terminal.bytes;
  const done = new Promise<void>((resolve) => {
    onFrame = resolve;
  });
  const started = performance.now();
  store.flush();
  await done;
  frameMs.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, 5));
  rendersPerBurst.push(renders - before);
  bytesPerFrame.push(terminal.bytes - bytesBefore);
}
instance.unmount();

const sorted = [...frameMs].sort((a, b) => a - b);
report(
  `Frame cost: ${instances} instances, 50 visible rows, ${changedShare * 100}% changed per burst (${frames} frames)`,
  [
    ['median frame', `${median(frameMs).toFixed(2)} ms (budget <= 10 ms)`],
    ['95th percentile', `${(sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(2)} ms`],
    ['frames per burst', `${Math.max(...rendersPerBurst)} at most (budget: 1)`],
    ['bytes per frame', `${median(bytesPerFrame).toFixed(0)} (median)`],
  ],
);
process.exit(0);
