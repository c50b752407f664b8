import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCommandLine } from '../../source/config/command-line.js';
import { parseConfigText } from '../../source/config/config-schema.js';
import { resolveCredentials } from '../../source/config/credentials.js';
import type { Flags } from '../../source/config/flags.js';
import { defaultConfigPath, resolveOptions, resolveSettings } from '../../source/config/settings.js';
import { UsageError } from '../../source/config/usage-error.js';

const projectId = '0611f1bd8b00d5d32f17c017f15b599f';
const instance = 'd04686c6baae4f65a742771186f47b7ain14';
const base: Flags = { once: true, json: false, demo: false, color: true, ascii: false };

test('a region derives both endpoints', () => {
  const settings = resolveSettings(
    { ...base, region: 'cn-north-4', projectId, instance: [instance] },
    {},
    {},
  );
  assert.deepEqual(settings.targets, [
    {
      endpoint: 'https://gaussdb-opengauss.cn-north-4.myhuaweicloud.com',
      iamEndpoint: 'https://iam.cn-north-4.myhuaweicloud.com',
      projectId,
      instances: [{ id: instance, name: undefined }],
      discover: false,
      allowKill: false,
    },
  ]);
  const east = resolveSettings({ ...base, region: 'cn-east-4', projectId, discover: true }, {}, {});
  assert.equal(east.targets[0]?.endpoint, 'https://gaussdb.cn-east-4.myhuaweicloud.com');
});

test('--endpoint and --iam-endpoint override the region', () => {
  const settings = resolveSettings(
    {
      ...base,
      region: 'cn-north-4',
      endpoint: 'https://proxy.example.com/gauss/',
      iamEndpoint: 'https://iam.example.com',
      projectId,
      discover: true,
    },
    {},
    {},
  );
  assert.equal(settings.targets[0]?.endpoint, 'https://proxy.example.com/gauss');
  assert.equal(settings.targets[0]?.iamEndpoint, 'https://iam.example.com');
});

test('defaults, then the file, then flags', () => {
  const flags = { ...base, region: 'cn-north-4', projectId, discover: true };
  const defaults = resolveSettings(flags, {}, {});
  assert.deepEqual(
    [defaults.intervalMs, defaults.rate, defaults.concurrency, defaults.timeoutMs, defaults.language],
    [5000, 10, 16, 10_000, 'en-us'],
  );
  const file = { interval: 30, rate: 2, lang: 'zh-cn' as const, thresholds: { lock: { warn: 1, crit: 2 } } };
  const fromFile = resolveSettings(flags, file, {});
  assert.deepEqual(
    [fromFile.intervalMs, fromFile.rate, fromFile.language, fromFile.thresholds.lock],
    [30_000, 2, 'zh-cn', { warn: 1, crit: 2 }],
  );
  const fromFlags = resolveSettings({ ...flags, interval: '7', lang: 'en-us' }, file, {
    LANG: 'zh_CN.UTF-8',
  });
  assert.deepEqual([fromFlags.intervalMs, fromFlags.language], [7000, 'en-us']);
});

test('config file targets, each with its own endpoint; flags naming a project replace them', () => {
  const file = {
    region: 'cn-north-4',
    targets: [
      { project_id: projectId, instances: [instance, { id: instance.replace('d', 'e'), name: 'prod' }] },
      { endpoint: 'https://gaussdb.example.com', project_id: projectId, discover: true },
    ],
  };
  const settings = resolveSettings(base, file, {});
  assert.equal(settings.targets.length, 2);
  assert.equal(settings.targets[0]?.endpoint, 'https://gaussdb-opengauss.cn-north-4.myhuaweicloud.com');
  assert.equal(settings.targets[0]?.instances[1]?.name, 'prod');
  assert.equal(settings.targets[1]?.endpoint, 'https://gaussdb.example.com');
  const replaced = resolveSettings({ ...base, projectId, instance: [instance] }, file, {});
  assert.equal(replaced.targets.length, 1);
});

test('the project id may come from the environment', () => {
  const settings = resolveSettings(
    { ...base, region: 'cn-north-4', discover: true },
    {},
    { HW_PROJECT_ID: projectId },
  );
  assert.equal(settings.targets[0]?.projectId, projectId);
});

test('credentials: token, then AK/SK, then password', () => {
  const all = {
    GAUSSDB_TOKEN: 't',
    HUAWEICLOUD_SDK_AK: 'ak',
    HUAWEICLOUD_SDK_SK: 'sk',
    HW_USER_NAME: 'u',
    HW_USER_PASSWORD: 'p',
    HW_DOMAIN_NAME: 'd',
  };
  assert.equal(resolveCredentials(all, undefined).mode, 'token');
  const { GAUSSDB_TOKEN: _token, ...noToken } = all;
  assert.deepEqual(resolveCredentials(noToken, undefined), {
    mode: 'aksk',
    accessKey: 'ak',
    secretKey: 'sk',
    securityToken: undefined,
  });
  assert.deepEqual(
    resolveCredentials({ HW_ACCESS_KEY: 'a2', HW_SECRET_KEY: 's2', HW_SECURITY_TOKEN: 'st' }, undefined),
    {
      mode: 'aksk',
      accessKey: 'a2',
      secretKey: 's2',
      securityToken: 'st',
    },
  );
  assert.equal(
    resolveCredentials({ HW_USER_NAME: 'u', HW_USER_PASSWORD: 'p', HW_DOMAIN_NAME: 'd' }, undefined).mode,
    'password',
  );
  assert.throws(() => resolveCredentials({}, undefined), UsageError);
});

test('default config path follows XDG', () => {
  assert.equal(defaultConfigPath({ XDG_CONFIG_HOME: '/x' }, '/home/a'), '/x/gaussdb-top/config.toml');
  assert.equal(defaultConfigPath({}, '/home/a'), '/home/a/.config/gaussdb-top/config.toml');
});

test('thresholds: defaults, then the file, then --warn and --crit', () => {
  const flags = { ...base, region: 'cn-north-4', projectId, discover: true };
  const file = { thresholds: { lock: { warn: 1, crit: 2 }, slow_sql: { warn: 4, crit: 8 } } };
  const settings = resolveSettings({ ...flags, warn: ['lock=5'], crit: ['lock=20', 'total=3000'] }, file, {});
  assert.deepEqual(settings.thresholds.lock, { warn: 5, crit: 20 });
  assert.deepEqual(settings.thresholds.slowSql, { warn: 4, crit: 8 });
  assert.deepEqual(settings.thresholds.total, { warn: 800, crit: 3000 });
  assert.throws(
    () => resolveSettings({ ...flags, warn: ['locks=5'] }, {}, {}),
    /--warn must look like lock=10/,
  );
  assert.throws(
    () => resolveSettings({ ...flags, warn: ['lock=50'] }, {}, {}),
    /threshold for lock: crit \(10\) must be >= warn \(50\)/,
  );
});

test('endpoint overrides apply field by field', () => {
  const file = {
    region: 'cn-north-4',
    targets: [
      { project_id: projectId, discover: true },
      { region: 'cn-east-4', project_id: projectId, discover: true },
    ],
  };
  const iamOnly = resolveSettings({ ...base, iamEndpoint: 'https://iam.example.com' }, file, {});
  assert.deepEqual(
    iamOnly.targets.map((target) => [target.endpoint, target.iamEndpoint]),
    [
      ['https://gaussdb-opengauss.cn-north-4.myhuaweicloud.com', 'https://iam.example.com'],
      ['https://gaussdb.cn-east-4.myhuaweicloud.com', 'https://iam.example.com'],
    ],
  );
  const endpointOnly = resolveSettings({ ...base, endpoint: 'https://proxy.example.com' }, file, {});
  assert.deepEqual(
    endpointOnly.targets.map((target) => [target.endpoint, target.iamEndpoint]),
    [
      ['https://proxy.example.com', 'https://iam.cn-north-4.myhuaweicloud.com'],
      ['https://proxy.example.com', 'https://iam.cn-east-4.myhuaweicloud.com'],
    ],
  );
  const regionFlag = resolveSettings({ ...base, region: 'ap-southeast-1' }, file, {});
  assert.ok(
    regionFlag.targets.every(
      (target) => target.endpoint === 'https://gaussdb-opengauss.ap-southeast-1.myhuaweicloud.com',
    ),
  );
});

test('bell and notify: off by default, on from the file, and the flags (--no-notify too) override it', () => {
  const flagsOf = (argv: string[]) => {
    const command = parseCommandLine(argv);
    assert.equal(command.kind, 'run');
    return (command as { flags: Flags }).flags;
  };
  const file = parseConfigText('bell = true\nnotify = true\n', 'config.toml');
  const none = resolveOptions(flagsOf([]), {}, {});
  assert.deepEqual([none.bell, none.notify], [false, false]);
  const fromFile = resolveOptions(flagsOf([]), file, {});
  assert.deepEqual([fromFile.bell, fromFile.notify], [true, true]);
  const overridden = resolveOptions(flagsOf(['--no-notify', '--no-bell']), file, {});
  assert.deepEqual([overridden.bell, overridden.notify], [false, false]);
  const flagOnly = resolveOptions(flagsOf(['--notify']), {}, {});
  assert.deepEqual([flagOnly.bell, flagOnly.notify], [false, true]);
  assert.throws(() => parseConfigText('notify = "yes"\n', 'config.toml'), /config\.toml:1: notify/);
});
