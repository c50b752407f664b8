import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  type HostileServer,
  instanceId,
  projectId,
  sendJson,
  startHostileServer,
} from '../helpers/hostile-server.js';
import { recordLive } from '../helpers/live-recording.js';
import { hasTmux } from '../helpers/tmux.js';

describe('GAUSSDB_TOP_MEMORY_LOG', { skip: !hasTmux() && 'tmux is not installed' }, () => {
  let server: HostileServer;
  const args = () => ['--endpoint', server.url, '--project-id', projectId, '--instance', instanceId(7)];
  const env = { GAUSSDB_TOKEN: 'memory-log-token' };

  before(async () => {
    server = await startHostileServer((_request, response) =>
      sendJson(response, 200, { total_num: '3', active_num: '1', slow_sql_num: '0', lock_num: '0' }),
    );
  });
  after(() => server.close());

  test('an unwritable log: the screen runs, one warning, exit 0', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-memlog-')), 'no-such-dir', 'memory.log');
    const live = recordLive(args(), { ...env, GAUSSDB_TOP_MEMORY_LOG: path });
    try {
      await live.pane.waitFor(/1\/1 OK/);
      live.pane.send('q');
      assert.equal(await live.exited(), 0);
      const screen = live.pane.capture();
      const warnings = screen.split('\n').filter((line) => line.includes('memory log'));
      assert.equal(warnings.length, 1, screen);
      assert.match(
        warnings[0] ?? '',
        /^gaussdb-top: warning: cannot write the memory log .*no-such-dir.* \(ENOENT\)/,
      );
      assert.doesNotMatch(screen, /unexpected failure/);
    } finally {
      live.pane.kill();
    }
  });

  test('a writable log gets a line of memory figures', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-memlog-')), 'memory.log');
    const live = recordLive(args(), { ...env, GAUSSDB_TOP_MEMORY_LOG: path });
    try {
      await live.pane.waitFor(/1\/1 OK/);
      live.pane.send('q');
      assert.equal(await live.exited(), 0);
      assert.ok(existsSync(path));
      const first = JSON.parse(readFileSync(path, 'utf8').split('\n')[0] ?? '') as {
        rss?: number;
        trims?: { count: number; ms: number };
      };
      assert.ok((first.rss ?? 0) > 0);
      // The heap trims so far, which the memory benchmark reports.
      assert.equal(typeof first.trims?.count, 'number');
      assert.equal(typeof first.trims?.ms, 'number');
      assert.doesNotMatch(live.pane.capture(), /memory log/);
    } finally {
      live.pane.kill();
    }
  });
});
