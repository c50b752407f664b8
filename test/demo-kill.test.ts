import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openConnection } from '../source/connect.js';
import { startDemo } from '../source/demo.js';
import { startLivePolling } from '../source/modes/live-polling.js';
import { fileKillAudit } from '../source/monitor/kill-log.js';
import { defaultThresholds } from '../source/monitor/severity.js';
import { eventually } from './helpers/eventually.js';

// The README: "--demo allows kill against its emulator". Through the real poller and client.
test('--demo: kill is allowed against the demo emulator, sent there and audited', async () => {
  const state = mkdtempSync(join(tmpdir(), 'gaussdb-top-demo-kill-'));
  const demo = await startDemo({
    intervalMs: 1000,
    language: 'en-us',
    rate: 100,
    concurrency: 16,
    timeoutMs: 10_000,
    thresholds: defaultThresholds,
    ascii: false,
  });
  const connection = openConnection(demo.settings, demo.credentials, () => 'en-us');
  const polling = startLivePolling(
    demo.settings,
    connection,
    await connection.jobs(),
    fileKillAudit(join(state, 'kill.log')),
  );
  try {
    polling.monitor.start();
    const [first] = polling.monitor.store.getSnapshot().instances;
    assert.ok(first);
    const drill = polling.monitor.openDrill(first.key);
    await eventually(
      () => (drill.getSnapshot().sessions.data?.sessions.length ? undefined : 'no sessions yet'),
      20_000,
    );
    assert.equal(drill.getSnapshot().canKill, true);
    const victim = drill.getSnapshot().sessions.data?.sessions[0]?.session_id ?? '';
    const result = await drill.kill([victim]);
    assert.equal(result.success, true);
    assert.equal(demo.emulator.stats().drillRequests['kill-session'], 1);
    assert.match(
      readFileSync(join(state, 'kill.log'), 'utf8'),
      new RegExp(`\\t${victim}\\t.*\\tkilled$`, 'm'),
    );
  } finally {
    // Stops the page too (the monitor closes its pages).
    await polling.stop();
    await connection.close();
    await demo.emulator.close();
    rmSync(state, { recursive: true, force: true });
  }
});
