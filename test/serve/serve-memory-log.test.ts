import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { cleanEnv } from '../helpers/run-cli.js';
import { startServe } from '../helpers/serve-fixture.js';

const apiToken = 'Tok-Serve-Memlog-41c2';

// The memory benchmark measures `serve` as it does the live screen: through GAUSSDB_TOP_MEMORY_LOG.
describe('GAUSSDB_TOP_MEMORY_LOG with serve', () => {
  let emulator: Emulator;
  let target: string[];
  before(async () => {
    emulator = await startEmulator({ instances: 2, credentials: { token: apiToken } });
    target = [...targetFlags(emulator)];
  });
  after(() => emulator.close());

  const serveWith = (log: string) =>
    startServe(
      [...target, '--listen', '127.0.0.1:0'],
      cleanEnv({ GAUSSDB_TOKEN: apiToken, GAUSSDB_TOP_MEMORY_LOG: log }),
    );

  test('a writable log has a line of memory figures by the time serve says it is serving', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-memlog-')), 'memory.jsonl');
    const serve = await serveWith(path);
    try {
      const first = JSON.parse(readFileSync(path, 'utf8').split('\n')[0] ?? '') as {
        rss?: number;
        spaces?: Record<string, number>;
      };
      assert.ok((first.rss ?? 0) > 0);
      assert.ok((first.spaces?.old_space ?? 0) > 0, "V8's spaces are in it");
    } finally {
      assert.equal(await serve.stop(), 143, 'stopped by SIGTERM, as serve always is');
    }
    assert.doesNotMatch(serve.stderr(), /memory log/);
  });

  test('an unwritable log: one warning, and serve serves on', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-memlog-')), 'no-such-dir', 'memory.jsonl');
    const serve = await serveWith(path);
    try {
      const health = await request(`${serve.url}/healthz`);
      await health.body.dump();
      assert.equal(health.statusCode, 200);
    } finally {
      assert.equal(await serve.stop(), 143, 'stopped by SIGTERM, as serve always is');
    }
    const warnings = serve
      .stderr()
      .split('\n')
      .filter((line) => line.includes('memory log'));
    assert.equal(warnings.length, 1, serve.stderr());
    assert.match(
      warnings[0] ?? '',
      /^gaussdb-top: warning: cannot write the memory log .*no-such-dir.* \(ENOENT\)/,
    );
  });
});
