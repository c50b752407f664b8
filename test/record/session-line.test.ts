import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { readRecording } from '../../source/record/read-lines.js';
import { startRecording } from '../../source/record/recording.js';
import { forgetSecrets, registerSecret } from '../../source/secrets.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { feedOf, identity, overview, setup } from '../helpers/recording-setup.js';
import { testStore } from '../helpers/store.js';

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
