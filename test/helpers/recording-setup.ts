import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feed } from '../../source/feed/feed.js';
import type { RecordingState } from '../../source/feed/recording-switch.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import type { InstanceIdentity, MonitorStore } from '../../source/monitor/store.js';
import type { RecordingFileSystem } from '../../source/record/file-system.js';
import { startRecording } from '../../source/record/recording.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { testStore } from '../helpers/store.js';

export const identity = (index: number, name = `db-${index}`): InstanceIdentity => ({
  key: `https://gaussdb.example.com p ${index}`,
  endpoint: 'https://gaussdb.example.com',
  projectId: '0611f1bd8b00d5d32f17c017f15b599f',
  instanceId: `inst${String(index).padStart(32, '0')}in14`,
  name,
});

export const feedOf = (store: MonitorStore): Pick<Feed, 'subscribe' | 'getSnapshot' | 'history'> => ({
  subscribe: store.subscribe,
  getSnapshot: store.getSnapshot,
  history: (key) => store.history(key),
});

export const overview = (total: number) => ({ total, active: 2, slowSql: 3, lock: 4 });

interface SetupOptions {
  name?: string;
  path?: string;
  maxBytes?: number;
  fs?: RecordingFileSystem;
}

/** Lines in the file now (0 while it does not exist yet). */
export const linesIn = (path: string) =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;

export function setup(options: SetupOptions = {}) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const identities = [identity(0), identity(1)];
  const store = testStore(identities, clock, timers);
  const path =
    options.path ?? join(mkdtempSync(join(tmpdir(), 'gaussdb-top-rec-')), options.name ?? 'fleet.ndjson');
  const states: RecordingState[] = [];
  const start = () => {
    const recording = startRecording({
      feed: feedOf(store),
      target: { path, maxBytes: options.maxBytes ?? 1024 ** 3 },
      targets: [{ endpoint: 'https://gaussdb.example.com', projectId: 'p', instances: [], discover: true }],
      thresholds: defaultThresholds,
      clock,
      timers,
      flushMs: 3000,
      retryMs: 30_000,
      ...(options.fs ? { fs: options.fs } : {}),
    });
    recording.subscribe(() => states.push(recording.getState()));
    return recording;
  };
  return { clock, timers, store, path, states, start, keys: identities.map((entry) => entry.key) };
}
