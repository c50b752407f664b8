import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { ApiError } from '../../source/cloud/api-error.js';
import type { Feed } from '../../source/feed/feed.js';
import type { RecordingState } from '../../source/feed/recording-switch.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import type { InstanceIdentity, MonitorStore } from '../../source/monitor/store.js';
import { nodeFileSystem, type RecordingFileSystem } from '../../source/record/file-system.js';
import { readRecording } from '../../source/record/read-lines.js';
import { startRecording } from '../../source/record/recording.js';
import { forgetSecrets, registerSecret } from '../../source/secrets.js';
import { eventually } from '../helpers/eventually.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { testStore } from '../helpers/store.js';

const identity = (index: number, name = `db-${index}`): InstanceIdentity => ({
  key: `https://gaussdb.example.com p ${index}`,
  endpoint: 'https://gaussdb.example.com',
  projectId: '0611f1bd8b00d5d32f17c017f15b599f',
  instanceId: `inst${String(index).padStart(32, '0')}in14`,
  name,
});

const feedOf = (store: MonitorStore): Pick<Feed, 'subscribe' | 'getSnapshot' | 'history'> => ({
  subscribe: store.subscribe,
  getSnapshot: store.getSnapshot,
  history: (key) => store.history(key),
});

const overview = (total: number) => ({ total, active: 2, slowSql: 3, lock: 4 });

interface SetupOptions {
  name?: string;
  path?: string;
  maxBytes?: number;
  fs?: RecordingFileSystem;
}

/** Lines in the file now (0 while it does not exist yet). */
const linesIn = (path: string) =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;

function setup(options: SetupOptions = {}) {
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

test('every answer and error reaches the file, in order, with a session line first', async () => {
  const { store, clock, timers, path, start, keys } = setup();
  const recording = start();
  await eventually(() => (linesIn(path) === 1 ? undefined : `${linesIn(path)} lines`));
  store.recordSuccess(keys[1] as string, overview(19), 5);
  await timers.advance(1000);
  store.recordSuccess(keys[0] as string, overview(10), 12);
  await timers.advance(1000);
  // Two answers of one instance within one publication: the history gives back the first.
  store.recordSuccess(keys[1] as string, overview(20), 5);
  await timers.advance(100);
  store.recordSuccess(keys[1] as string, overview(21), 6);
  clock.advance(10);
  const failure = new ApiError({
    status: 503,
    code: 'SVC.503',
    message: 'busy',
    requestId: 'req-1',
    retryable: true,
    retryAfterMs: null,
  });
  store.recordFailure(keys[0] as string, failure, 40);
  store.recordFailure(keys[1] as string, failure, null);
  store.flush();
  // Nothing more is written before the flush: a recording costs one write every few seconds.
  await timers.advance(0);
  assert.equal(linesIn(path), 1);
  await timers.advance(3000);
  await recording.stop();
  const { lines, garbage, cutLastLine } = await readRecording(path);
  assert.equal(garbage, 0);
  assert.equal(cutLastLine, false);
  const [session, ...events] = lines;
  assert.equal(session?.gaussdb_top_recording, 1);
  assert.equal((session?.instances as unknown[] | undefined)?.length, 2);
  assert.deepEqual(
    events.map((line) => [
      line.i,
      line.n ?? (line.error as { code: string } | undefined)?.code ?? line.stop,
      line.ms,
    ]),
    [
      [1, [19, 2, 3, 4], 5],
      [0, [10, 2, 3, 4], 12],
      [1, [20, 2, 3, 4], undefined],
      // The latency the view holds is the error's that came after it.
      [1, [21, 2, 3, 4], undefined],
      [0, 'SVC.503', 40],
      // Not asked (credentials resting): no latency of its own.
      [1, 'SVC.503', undefined],
      [undefined, true, undefined],
    ],
  );
  assert.ok(
    events.slice(0, -1).every((line, index, all) => Number(line.t) >= Number(all[index - 1]?.t ?? 0)),
  );
});

test('gzip: valid gzip after every flush, and a second run appending continues the recording', async () => {
  const first = setup({ name: 'fleet.ndjson.gz' });
  const { path } = first;
  let recording = first.start();
  first.store.recordSuccess(first.keys[0] as string, overview(1), 1);
  first.store.flush();
  await first.timers.advance(3000);
  // Readable as it is, before the end of the run: what a kill -9 would leave.
  const answered = () => {
    try {
      return /"n":\[1,/.test(gunzipSync(readFileSync(path)).toString());
    } catch {
      // Not there yet, or read in the middle of a write.
      return false;
    }
  };
  await eventually(() => (answered() ? undefined : 'no answer yet'));
  await recording.stop();
  const second = setup({ path });
  recording = second.start();
  second.store.recordSuccess(second.keys[1] as string, overview(2), 1);
  second.store.flush();
  await recording.stop();
  const all = gunzipSync(readFileSync(path))
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(all.filter((line) => 'gaussdb_top_recording' in line).length, 2);
  assert.deepEqual(
    all.filter((line) => line.n).map((line) => line.n[0]),
    [1, 2],
  );
});

test('a line cut by a crash does not swallow the next session', async () => {
  const { store, timers, path, start, keys } = setup();
  writeFileSync(path, '{"gaussdb_top_recording":1,"instances":[]}\n{"t":1,"i":0,"n":[1,');
  const recording = start();
  store.recordSuccess(keys[0] as string, overview(7), 1);
  store.flush();
  await timers.advance(3000);
  await recording.stop();
  const { lines, garbage } = await readRecording(path);
  assert.equal(garbage, 1);
  assert.equal(lines.filter((line) => 'gaussdb_top_recording' in line).length, 2);
  assert.ok(lines.some((line) => (line.n as number[] | undefined)?.[0] === 7));
});

test('rotation: past --record-max the file moves to FILE.1, each file opens with a session line', async () => {
  const { store, timers, path, start, keys } = setup({ maxBytes: 4096 });
  const recording = start();
  for (let round = 0; round < 200; round++) {
    store.recordSuccess(keys[round % 2] as string, overview(round), 1);
    store.flush();
    await timers.advance(100);
  }
  await recording.stop();
  assert.ok(existsSync(`${path}.1`));
  assert.ok(!existsSync(`${path}.2`));
  for (const file of [path, `${path}.1`]) {
    const { lines } = await readRecording(file);
    assert.equal(lines[0]?.gaussdb_top_recording, 1, file);
    assert.ok(readFileSync(file).length < 4096 + 200, `${file} stays near the bound`);
  }
  // The newest answer is in FILE, and nothing between FILE.1 and FILE is lost.
  const older = (await readRecording(`${path}.1`)).lines.flatMap((line) =>
    line.n ? [(line.n as number[])[0]] : [],
  );
  const newer = (await readRecording(path)).lines.flatMap((line) =>
    line.n ? [(line.n as number[])[0]] : [],
  );
  assert.equal(newer.at(-1), 199);
  assert.equal(older.at(-1), (newer[0] as number) - 1);
});

test('a failing write: REC FAILED with its reason, polling unaffected, and a new session once it works', async () => {
  let full = true;
  const fs: RecordingFileSystem = {
    ...nodeFileSystem,
    async openAppend(path) {
      const handle = await nodeFileSystem.openAppend(path);
      return {
        ...handle,
        async write(data) {
          if (full) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          await handle.write(data);
        },
      };
    },
  };
  const { store, timers, path, start, states, keys } = setup({ fs });
  const recording = start();
  await eventually(() => (recording.getState().state === 'failed' ? undefined : recording.getState().state));
  assert.deepEqual(recording.getState(), { state: 'failed', problem: 'diskFull', code: 'ENOSPC' });
  store.recordSuccess(keys[0] as string, overview(5), 1);
  store.flush();
  assert.equal(store.getSnapshot().instances[0]?.latest?.overview.total, 5);
  full = false;
  await timers.advance(30_000);
  await eventually(() => (recording.getState().state === 'on' ? undefined : recording.getState().state));
  store.recordSuccess(keys[0] as string, overview(6), 1);
  store.flush();
  await recording.stop();
  assert.deepEqual(
    states.map((state) => state.state),
    ['failed', 'on'],
  );
  const { lines } = await readRecording(path);
  assert.equal(lines[0]?.gaussdb_top_recording, 1);
  assert.deepEqual(
    lines.flatMap((line) => (line.n ? [(line.n as number[])[0]] : [])),
    // What came while the disk was full is lost; the recording goes on after a new session line.
    [6],
  );
});

test('a file removed while recording is created again, with a session line', async () => {
  const { store, timers, path, start, keys } = setup();
  const recording = start();
  await eventually(() => (linesIn(path) ? undefined : 'not created yet'));
  unlinkSync(path);
  store.recordSuccess(keys[0] as string, overview(9), 1);
  store.flush();
  // The next flush finds the file gone and creates it again.
  await timers.advance(3000);
  await eventually(() => (linesIn(path) ? undefined : 'not created again'));
  store.recordSuccess(keys[0] as string, overview(10), 1);
  store.flush();
  await recording.stop();
  const { lines } = await readRecording(path);
  assert.equal(lines[0]?.gaussdb_top_recording, 1);
  assert.ok(lines.some((line) => (line.n as number[] | undefined)?.[0] === 10));
  assert.deepEqual(recording.getState(), { state: 'on' });
});

test('R: a stopped recording writes nothing, and resumes with a new session', async () => {
  const { store, timers, path, start, keys } = setup();
  const recording = start();
  recording.toggle();
  assert.deepEqual(recording.getState(), { state: 'off' });
  store.recordSuccess(keys[0] as string, overview(1), 1);
  store.flush();
  await timers.advance(6000);
  recording.toggle();
  store.recordSuccess(keys[0] as string, overview(2), 1);
  store.flush();
  await recording.stop();
  const { lines } = await readRecording(path);
  assert.deepEqual(
    lines.map((line) =>
      line.gaussdb_top_recording ? 'session' : line.stop ? 'stop' : (line.n as number[])[0],
    ),
    ['session', 'stop', 'session', 2, 'stop'],
  );
});

test('the session line names the fleet and never a credential; hostile names are escaped', async () => {
  const secret = 'Zq9xK-secret-value';
  registerSecret(secret);
  try {
    const clock = new FakeClock();
    const timers = new FakeTimers(clock);
    const store = testStore([identity(0, `evil\u001b]2;pwned\u0007${secret}\u202e`)], clock, timers);
    const path = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-rec-')), 'r.ndjson');
    const recording = startRecording({
      feed: feedOf(store),
      target: { path, maxBytes: 1024 ** 3 },
      targets: [
        {
          endpoint: 'https://user:pw@gaussdb.example.com/x?token=abc',
          projectId: 'p',
          instances: [],
          discover: false,
        },
      ],
      thresholds: defaultThresholds,
      clock,
      timers,
    });
    await recording.stop();
    const text = readFileSync(path, 'utf8');
    assert.ok(!text.includes(secret));
    assert.ok(![...text].some((character) => /[\p{Cc}\p{Cf}]/u.test(character) && character !== '\n'));
    assert.ok(!text.includes('pw@') && !text.includes('user') && !text.includes('token=abc'));
    const { lines } = await readRecording(path);
    assert.deepEqual(lines[0]?.targets, [
      { endpoint: 'https://gaussdb.example.com/x', project_id: 'p', discover: false },
    ]);
    assert.equal(lines[0]?.interval_s, 5);
  } finally {
    forgetSecrets();
  }
});

test('instances that join or leave the fleet are announced with their new numbers', async () => {
  const { store, timers, path, start } = setup();
  const recording = start();
  store.setInstances([identity(1), identity(2)]);
  store.recordSuccess(identity(2).key, overview(3), 1);
  store.flush();
  await timers.advance(0);
  await recording.stop();
  const { lines } = await readRecording(path);
  assert.deepEqual(lines[1]?.remove, [0]);
  assert.deepEqual(
    (lines[2]?.add as { i: number; name: string }[] | undefined)?.map((entry) => [entry.i, entry.name]),
    [[2, 'db-2']],
  );
  assert.equal(lines[3]?.i, 2);
});
