// --bell and --notify ring a live screen's terminal. Where the output has no screen (--once, --watch,
// serve) a flag that silently did nothing would let someone believe they will be woken.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEmulator } from '../../source/emulator/server.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

for (const [label, args] of [
  ['--once', ['--once']],
  ['--json --watch', ['--json', '--watch', '--count', '1']],
  ['serve', ['serve', '--listen', '127.0.0.1:0']],
] as const) {
  for (const alert of ['--bell', '--notify']) {
    test(`${alert} with ${label} is refused by name, exit 2, before anything is polled`, async () => {
      const token = 'Tok-Alert-Refusal-91';
      const emulator = await startEmulator({ instances: 2, credentials: { token } });
      try {
        const target = [...targetFlags(emulator)];
        const result = await runCli([...args, ...target, alert], cleanEnv({ GAUSSDB_TOKEN: token }));
        assert.equal(
          result.code,
          2,
          `exit ${result.code}; stdout:\n${result.stdout}\nstderr:\n${result.stderr}`,
        );
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
        assert.match(result.stderr, new RegExp(`^gaussdb-top: ${alert} rings a live screen`));
        assert.equal(result.stdout, '');
        const stats = emulator.stats();
        assert.equal(stats.overviewRequests + stats.listRequests, 0, 'nothing was asked of the API');
      } finally {
        await emulator.close();
      }
    });
  }
}

test('bell = true in the config file does not stop a --once run (it is for live screens)', async () => {
  const token = 'Tok-Alert-Config-92';
  const emulator = await startEmulator({ instances: 1, credentials: { token } });
  const directory = await mkdtemp(join(tmpdir(), 'gaussdb-top-alert-'));
  const config = join(directory, 'config.toml');
  await writeFile(config, 'bell = true\nnotify = true\n');
  try {
    const target = [...targetFlags(emulator)];
    const result = await runCli(
      ['--once', '--json', '--config', config, ...target],
      cleanEnv({ GAUSSDB_TOKEN: token }),
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).instances.length, 1);
  } finally {
    await emulator.close();
  }
});
