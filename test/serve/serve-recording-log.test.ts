// `serve --record` has no screen to say REC FAILED on; it logs one line per change of state on stderr,
// so a recording that stops being written (and one written again) must be among them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import type { RecordingState, RecordingSwitch } from '../../source/feed/recording-switch.js';
import { logRecordingChanges, type StateLine } from '../../source/serve/state-log.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { eventually } from '../helpers/eventually.js';
import { cleanEnv } from '../helpers/run-cli.js';
import { type ServeProcess, startServe } from '../helpers/serve-fixture.js';

const apiToken = 'Tok-Serve-Record-Log-5521';

describe('serve --record whose file can no longer be written', () => {
  let emulator: Emulator;
  let serve: ServeProcess;
  const folder = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-serve-rec-')), 'recordings');

  before(async () => {
    mkdirSync(folder);
    emulator = await startEmulator({ instances: 2, credentials: { token: apiToken } });
    serve = await startServe(
      [
        ...[...targetFlags(emulator)],
        ...['--interval', '1', '--listen', '127.0.0.1:0', '--log-format', 'json'],
        ...['--record', join(folder, 'fleet.ndjson')],
      ],
      cleanEnv({ GAUSSDB_TOKEN: apiToken }),
    );
  });
  after(async () => {
    await serve.stop('SIGKILL');
    await emulator.close();
  });

  test('its directory removed: stderr has one JSON line saying the recording failed, and why', async () => {
    rmSync(folder, { recursive: true });
    // Lines are written every 3 s: the failure is known by the next flush.
    const recordingLines = () =>
      serve
        .stderr()
        .split('\n')
        .filter((text) => text.includes('"event":"recording"'));
    await eventually(() => (recordingLines().length ? undefined : serve.stderr()), 20_000);
    const line = recordingLines();
    assert.equal(line.length, 1, line.join('\n'));
    const parsed = JSON.parse(line[0] ?? '') as Record<string, unknown>;
    assert.equal(parsed.event, 'recording');
    assert.equal(parsed.state, 'failed');
    assert.equal(parsed.code, 'ENOENT');
    assert.match(String(parsed.message), /fleet\.ndjson failed: no such directory \(ENOENT\)/);
  });
});

test('the recording log: one line per failure kind and one on recovery, none for repeats', () => {
  let state: RecordingState = { state: 'on' };
  const listeners = new Set<() => void>();
  const recording: RecordingSwitch = {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    toggle: () => undefined,
  };
  const lines: StateLine[] = [];
  const stop = logRecordingChanges(recording, '/var/log/fleet.ndjson', (line) => lines.push(line));
  const set = (next: RecordingState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  set({ state: 'failed', problem: 'diskFull', code: 'ENOSPC' });
  set({ state: 'failed', problem: 'diskFull', code: 'ENOSPC' });
  set({ state: 'on' });
  set({ state: 'on' });
  stop();
  set({ state: 'failed', problem: 'permission', code: 'EACCES' });
  assert.deepEqual(
    lines.map((line) => line.message),
    [
      'recording to /var/log/fleet.ndjson failed: disk full (ENOSPC)',
      'recording to /var/log/fleet.ndjson works again',
    ],
  );
});
