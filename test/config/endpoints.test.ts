import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCommandLine } from '../../source/config/command-line.js';
import { loadConfigFile } from '../../source/config/config-file.js';
import type { Flags } from '../../source/config/flags.js';
import { resolveSettings } from '../../source/config/settings.js';
import { UsageError } from '../../source/config/usage-error.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

const projectId = '0611f1bd8b00d5d32f17c017f15b599f';
const password = 'S3cr3t-PW';

/** The UsageError that settings from these arguments and this config text raise. */
async function refusal(args: string[], configText?: string): Promise<string> {
  const command = parseCommandLine([...args, '--project-id', projectId, '--discover']);
  assert.equal(command.kind, 'run');
  const flags = (command as { flags: Flags }).flags;
  let file = {};
  if (configText !== undefined) {
    const path = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-config-')), 'config.toml');
    writeFileSync(path, configText);
    try {
      file = (await loadConfigFile(path, true))?.config ?? {};
    } catch (error) {
      assert.ok(error instanceof UsageError, String(error));
      return error.message;
    }
  }
  try {
    resolveSettings(flags, file, {});
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail(`accepted ${args.join(' ')} ${configText ?? ''}`);
}

const withCredentials = [
  `https://admin:${password}@gaussdb.example.com`,
  `https:admin:${password}@gaussdb.example.com`,
  `https://admin:${password}/x@gaussdb.example.com`,
  `https://admin:${password}?x@gaussdb.example.com`,
  `https://admin:${password}@gaussdb.example .com`,
  `ftp://admin:${password}@gaussdb.example.com`,
  `https://gaussdb.example.com/?access_token=${password}`,
];

test('an endpoint flag with a user name and password is refused without repeating them', async () => {
  for (const url of withCredentials) {
    for (const flag of ['--endpoint', '--iam-endpoint']) {
      const message = await refusal(['--region', 'cn-north-4', flag, url]);
      assert.match(message, /endpoint/, message);
      assert.ok(!message.includes(password), `${flag} ${url}: ${message}`);
      assert.ok(!message.includes('admin'), `${flag} ${url}: ${message}`);
    }
  }
});

test('a config file endpoint with a user name and password is refused without repeating them', async () => {
  for (const url of withCredentials) {
    for (const key of ['endpoint', 'iam_endpoint']) {
      const message = await refusal([], `region = "cn-north-4"\n${key} = ${JSON.stringify(url)}\n`);
      assert.ok(!message.includes(password), `${key} = ${url}: ${message}`);
      const inTarget = await refusal(
        [],
        `[[targets]]\nproject_id = "${projectId}"\ndiscover = true\n${key} = ${JSON.stringify(url)}\n`,
      );
      assert.ok(!inTarget.includes(password), `targets: ${key} = ${url}: ${inTarget}`);
    }
  }
});

test('the binary refuses such an endpoint with exit 2 and never prints the password', async () => {
  const result = await runCli(
    ['--endpoint', `https://admin:${password}@gaussdb.example.com`, '--project-id', projectId, '--discover'],
    cleanEnv({ GAUSSDB_TOKEN: 'token' }),
  );
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /^gaussdb-top: endpoint "https:\/\/…@gaussdb\.example\.com" must not contain credentials\n$/,
  );
  assert.ok(!`${result.stdout}${result.stderr}`.includes(password));
});

const hostileRegions = [
  'evil.example/',
  'cn-north-4.evil.example',
  'cn-north-4/',
  'cn-north-4#',
  'cn-north-4 ',
  'CN-NORTH-4',
  '../cn-north-4',
  'cn-north-4@evil',
  'cn-north',
  'cn-north-x',
  `cn-north-4${'4'.repeat(40)}`,
  '',
];

test('--region accepts only region ids of the documented shape', async () => {
  for (const region of hostileRegions) {
    // With --endpoint too, a region used to make only the IAM host: https://iam.evil.example/.myhuaweicloud.com
    const message = await refusal(['--region', region, '--endpoint', 'https://gaussdb.example.com']);
    assert.match(message, /^region must be a region id like cn-north-4, got /, JSON.stringify(region));
  }
  for (const region of [
    'cn-north-4',
    'ap-southeast-1',
    'ru-northwest-2',
    'cn-north-12',
    'sa-brazil-1',
    'la-south-2',
  ]) {
    const settings = resolveSettings(
      { once: true, json: false, demo: false, color: true, ascii: false, region, projectId, discover: true },
      {},
      {},
    );
    assert.equal(settings.targets[0]?.iamEndpoint, `https://iam.${region}.myhuaweicloud.com`);
  }
});

test('a config file region of any other shape is refused with its line', async () => {
  for (const region of hostileRegions) {
    const top = await refusal([], `interval = 5\nregion = ${JSON.stringify(region)}\n`);
    assert.match(top, /config\.toml:2: region: must be a region id like cn-north-4$/, top);
    const inTarget = await refusal(
      [],
      `[[targets]]\nproject_id = "${projectId}"\nregion = ${JSON.stringify(region)}\nendpoint = "https://gaussdb.example.com"\n`,
    );
    assert.match(
      inTarget,
      /config\.toml:3: targets\[0\]\.region: must be a region id like cn-north-4$/,
      inTarget,
    );
  }
});
