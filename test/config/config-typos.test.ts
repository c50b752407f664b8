import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfigText } from '../../source/config/config-schema.js';
import { resolveThresholds } from '../../source/config/thresholds.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

const problem = (text: string) => {
  try {
    parseConfigText(text, 'config.toml');
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail('accepted');
};

test('a misspelt threshold key is named, with its line, inline table or not', () => {
  const inline =
    'interval = 5\n[thresholds]\ntotal = { warn = 800, crit = 1500 }\nlock = { warm = 1, crit = 2 }\n';
  assert.equal(problem(inline), 'config.toml:4: unknown key thresholds.lock.warm');
  assert.equal(
    problem('[thresholds.lock]\nwarm = 1\ncrit = 2\n'),
    'config.toml:2: unknown key thresholds.lock.warm',
  );
  assert.doesNotMatch(problem(inline), /undefined/);
});

test('a metric may set only warn or only crit; the other keeps its default', () => {
  const warnOnly = parseConfigText('[thresholds]\nlock = { warn = 5 }\n', 'config.toml');
  const critOnly = parseConfigText('[thresholds]\nactive = { crit = 400 }\n', 'config.toml');
  assert.deepEqual(resolveThresholds(warnOnly).lock, { warn: 5, crit: 10 });
  assert.deepEqual(resolveThresholds(critOnly).active, { warn: 50, crit: 400 });
  assert.match(problem('[thresholds]\nlock = { warn = 9, crit = 2 }\n'), /crit must be >= warn/);
  assert.throws(() => resolveThresholds(parseConfigText('[thresholds]\nlock = { warn = 50 }\n', 'c')), {
    message: 'threshold for lock: crit (10) must be >= warn (50)',
  });
});

test('--lang and lang accept any case (zh-CN as locales spell it)', async () => {
  assert.equal(parseConfigText('lang = "ZH-CN"\n', 'config.toml').lang, 'zh-cn');
  const flag = await runCli(['--demo', '--once', '--lang', 'zh-CN']);
  assert.equal(flag.code, 0, flag.stderr);
  assert.match(flag.stdout, /^实例\s/m);
  const env = cleanEnv();
  const config = join(String(env.HOME), 'config.toml');
  writeFileSync(config, 'lang = "Zh-Cn"\n');
  const file = await runCli(['--demo', '--once', '--config', config], env);
  assert.equal(file.code, 0, file.stderr);
  assert.match(file.stdout, /^实例\s/m);
});

test('the typo through the real binary: one line naming the key and its line, exit 2', async () => {
  const env = cleanEnv({ GAUSSDB_TOKEN: 'x' });
  const config = join(String(env.HOME), 'config.toml');
  writeFileSync(config, '[thresholds]\nlock = { warm = 1, crit = 2 }\n');
  const result = await runCli(['--config', config, '--once'], env);
  assert.equal(result.code, 2);
  assert.equal(result.stderr, `gaussdb-top: ${config}:2: unknown key thresholds.lock.warm\n`);
});
