import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { ApiError } from '../../source/cloud/api-error.js';
import { nodeFileSystem, type RecordingFileSystem } from '../../source/record/file-system.js';
import { readRecording } from '../../source/record/read-lines.js';
import { eventually } from '../helpers/eventually.js';
import { linesIn, overview, setup } from '../helpers/recording-setup.js';

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

/**
 * The real file system with one operation taking 20 ms (a loaded machine's disk), which notes the size
 * of every file it moves to FILE.1: a later move replaces FILE.1, so only this sees them all.
 */
function slowDisk(slowOperation: 'rename' | 'write') {
  const lag = () => new Promise((resolve) => setTimeout(resolve, 20));
  const movedSizes: number[] = [];
  const fs: RecordingFileSystem = {
    ...nodeFileSystem,
    async rename(from, to) {
      movedSizes.push(statSync(from).size);
      if (slowOperation === 'rename') await lag();
      await nodeFileSystem.rename(from, to);
    },
    async openAppend(path) {
      const handle = await nodeFileSystem.openAppend(path);
      if (slowOperation === 'rename') return handle;
      return { ...handle, write: async (data) => lag().then(() => handle.write(data)) };
    },
  };
  return { fs, movedSizes };
}

for (const slowOperation of ['rename', 'write'] as const) {
  test(`rotation on a slow disk (${slowOperation}): lines that arrive meanwhile still keep each file near the bound`, async () => {
    // On a loaded machine a write or the move to FILE.1 can take longer than many answers: those
    // answers must neither pile up past the bound nor move a nearly empty FILE over FILE.1.
    const disk = slowDisk(slowOperation);
    const { store, timers, path, start, keys } = setup({ maxBytes: 4096, fs: disk.fs });
    const recording = start();
    for (let round = 0; round < 400; round++) {
      store.recordSuccess(keys[round % 2] as string, overview(round), 1);
      store.flush();
      await timers.advance(100);
    }
    await recording.stop();
    assert.ok(disk.movedSizes.length >= 3, `${disk.movedSizes.length} moves`);
    for (const size of disk.movedSizes)
      assert.ok(size >= 4096 && size < 4096 + 200, `moved at ${size} bytes`);
    assert.ok(readFileSync(path).length < 4096 + 200, `${path}: ${readFileSync(path).length} bytes`);
    const counts: number[] = [];
    for (const file of [`${path}.1`, path]) {
      const { lines } = await readRecording(file);
      for (const line of lines) if (line.n) counts.push((line.n as number[])[0] as number);
    }
    // FILE.1 then FILE: one unbroken run of answers up to the newest.
    assert.equal(counts.at(-1), 399);
    assert.deepEqual(
      counts,
      counts.map((_, index) => (counts[0] as number) + index),
    );
  });
}

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
