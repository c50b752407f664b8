import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfigText } from '../../source/config/config-schema.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

const problem = (text: string) => {
  try {
    parseConfigText(text, 'config.toml');
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail(`accepted ${JSON.stringify(text)}`);
};

// The flag and the key used to hold their own copies of the bounds: `rate = 0.001` passed the file's
// schema (any positive number), then failed as `--rate must be ... >= 0.01`, naming a flag the user
// never typed. Now both come from one table, and each source is named as itself.
test('a config value out of the flag bounds is refused by the file, naming the file, line and key', () => {
  assert.equal(
    problem('interval = 5\nrate = 0.001\n'),
    'config.toml:2: rate: must be a number of requests per second >= 0.01, got 0.001',
  );
  assert.equal(
    problem('timeout = 0.05\n'),
    'config.toml:1: timeout: must be a number of seconds between 0.1 and 300, got 0.05',
  );
  assert.equal(
    problem('concurrency = 2.5\n'),
    'config.toml:1: concurrency: must be a whole number between 1 and 1024, got 2.5',
  );
  assert.equal(
    problem('rate = "fast"\n'),
    'config.toml:1: rate: must be a number of requests per second >= 0.01',
  );
  assert.equal(parseConfigText('rate = 0.01\ntimeout = 0.1\n', 'config.toml').rate, 0.01);
});

test('through the binary: the config key and its line, never a flag that was not typed (exit 2)', async () => {
  const env = cleanEnv();
  const config = join(String(env.HOME), 'config.toml');
  writeFileSync(config, 'lang = "en-us"\nrate = 0.001\n');
  const result = await runCli(['--config', config, '--demo', '--once'], env);
  assert.equal(result.code, 2);
  assert.equal(
    result.stderr,
    `gaussdb-top: ${config}:2: rate: must be a number of requests per second >= 0.01, got 0.001\n`,
  );
  assert.equal(result.stdout, '');
  const flag = await runCli(['--config', config, '--demo', '--once', '--rate', '0.001'], env);
  assert.equal(flag.code, 2);
  assert.match(
    flag.stderr,
    new RegExp(`^gaussdb-top: ${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: rate`),
  );
  writeFileSync(config, 'rate = 5\n');
  const typed = await runCli(['--config', config, '--demo', '--once', '--rate', '0.001'], env);
  assert.equal(
    typed.stderr,
    'gaussdb-top: --rate must be a number of requests per second >= 0.01, got "0.001"\n',
  );
});

test('a project id from the environment is named as its variable', async () => {
  const { resolveSettings } = await import('../../source/config/settings.js');
  const flags = { once: true, json: false, demo: false, color: true, ascii: false, discover: true };
  assert.throws(() => resolveSettings({ ...flags, region: 'cn-north-4' }, {}, { HW_PROJECT_ID: 'short' }), {
    message: 'HW_PROJECT_ID must be 32 letters or digits, got "short"',
  });
  assert.throws(() => resolveSettings({ ...flags, region: 'cn-north-4', projectId: 'short' }, {}, {}), {
    message: '--project-id must be 32 letters or digits, got "short"',
  });
});
