import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import stringWidth from 'string-width';
import { type Emulator, startEmulator } from '../source/emulator/server.js';
import { cleanEnv, runCli } from './helpers/run-cli.js';

const token = 'Tok-Distinctive-7f3a9c';

describe('gaussdb-top --once against the emulator', () => {
  let emulator: Emulator;
  let target: string[];

  before(async () => {
    emulator = await startEmulator({ instances: 5, credentials: { token } });
    target = ['--endpoint', emulator.url, '--project-id', emulator.projectId];
  });
  after(() => emulator.close());

  test('prints an aligned table and exits 0 when every instance answered', async () => {
    emulator.setFault('*', undefined);
    const result = await runCli([...target, '--discover', '--once'], cleanEnv({ GAUSSDB_TOKEN: token }));
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 6);
    // Discovered instances have names: their ids follow, ready to paste.
    assert.match(lines[0] ?? '', /^INSTANCE\s+ID\s+TOTAL\s+ACTIVE\s+SLOW SQL\s+LOCKS\s+LEVEL\s+ERROR$/);
    const totalColumnEnd = (lines[0] ?? '').indexOf('TOTAL') + 'TOTAL'.length;
    for (const line of lines.slice(1)) {
      const nameAndTotal = /^\S+\s+\S+\s+\d+/.exec(line)?.[0] ?? '';
      assert.equal(stringWidth(nameAndTotal), totalColumnEnd, `right-aligned in cells: ${line}`);
    }
  });

  test('several kinds of credentials: stderr says which one is used and which are ignored', async () => {
    emulator.setFault('*', undefined);
    const result = await runCli(
      [...target, '--discover', '--once'],
      cleanEnv({
        GAUSSDB_TOKEN: token,
        HUAWEICLOUD_SDK_AK: 'AK-unused',
        HUAWEICLOUD_SDK_SK: 'SK-unused-secret',
      }),
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^gaussdb-top: using GAUSSDB_TOKEN; ignoring HUAWEICLOUD_SDK_AK$/m);
    assert.ok(!result.stderr.includes('SK-unused-secret'));
  });

  test('a target whose listing fails is named; the other targets are still polled (exit 1)', async () => {
    emulator.setFault('*', undefined);
    const config = join(cleanEnv().HOME ?? '', 'two-targets.toml');
    writeFileSync(
      config,
      `[[targets]]\nendpoint = "${emulator.url}"\nproject_id = "${emulator.projectId}"\ndiscover = true\n\n` +
        `[[targets]]\nendpoint = "http://127.0.0.1:1"\nproject_id = "${'f'.repeat(32)}"\ndiscover = true\n`,
    );
    const result = await runCli(['--config', config, '--once', '--json'], cleanEnv({ GAUSSDB_TOKEN: token }));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /listing instances of 127\.0\.0\.1:1 f{32} failed: /);
    assert.equal(JSON.parse(result.stdout).instances.length, 5, 'the working target is polled');
  });

  test('--json: one document, integer counts, error objects, exit 1 when one failed', async () => {
    const [good, bad] = emulator.instances;
    emulator.pin(good?.id ?? '', { total: '036', active: '012', slowSql: '1', lock: '0' });
    emulator.setFault(bad?.id ?? '', { kind: 'status', status: 404 });
    try {
      const result = await runCli(
        [...target, '--instance', good?.id ?? '', '--instance', bad?.id ?? '', '--once', '--json'],
        cleanEnv({ GAUSSDB_TOKEN: token }),
      );
      assert.equal(result.code, 1);
      const document = JSON.parse(result.stdout);
      assert.ok(!Number.isNaN(Date.parse(document.time)));
      const [first, second] = document.instances;
      assert.deepEqual(
        { ...first, error: first.error },
        {
          project_id: emulator.projectId,
          instance_id: good?.id,
          name: good?.id,
          total_num: 36,
          active_num: 12,
          slow_sql_num: 1,
          lock_num: 0,
          level: 'ok',
          error: null,
        },
      );
      assert.equal(second.total_num, null);
      assert.equal(second.level, 'error');
      assert.equal(second.error.status, 404);
      assert.equal(second.error.code, 'DBS.200002');
      assert.match(second.error.request_id, /^[0-9a-f]{32}$/);
    } finally {
      emulator.pin(good?.id ?? '', undefined);
      emulator.setFault(bad?.id ?? '', undefined);
    }
  });

  test('zh-cn labels and server messages', async () => {
    const [bad] = emulator.instances;
    emulator.setFault(bad?.id ?? '', { kind: 'status', status: 404 });
    try {
      const result = await runCli(
        [...target, '--instance', bad?.id ?? '', '--once', '--lang', 'zh-cn'],
        cleanEnv({ GAUSSDB_TOKEN: token }),
      );
      assert.equal(result.code, 1);
      assert.match(result.stdout, /^实例\s+总会话\s+活跃/);
      assert.match(result.stdout, /DBS\.200002 实例不存在。/);
    } finally {
      emulator.setFault(bad?.id ?? '', undefined);
    }
  });

  test('the locale picks the language when nothing else does', async () => {
    const result = await runCli(
      [...target, '--discover', '--once'],
      cleanEnv({ GAUSSDB_TOKEN: token, LANG: 'zh_CN.UTF-8' }),
    );
    assert.match(result.stdout, /^实例/);
  });

  test('a config file supplies targets, names and thresholds', async () => {
    const env = cleanEnv({ GAUSSDB_TOKEN: token });
    const [first] = emulator.instances;
    emulator.pin(first?.id ?? '', { total: 10, active: 5, slowSql: 0, lock: 4 });
    const file = join(String(env.HOME), 'config.toml');
    writeFileSync(
      file,
      [
        'interval = 2',
        '[thresholds]',
        'lock = { warn = 2, crit = 4 }',
        '[[targets]]',
        `endpoint = "${emulator.url}"`,
        `project_id = "${emulator.projectId}"`,
        `instances = [{ id = "${first?.id}", name = "prod-main" }]`,
      ].join('\n'),
    );
    try {
      const result = await runCli(['--config', file, '--once', '--json'], env);
      assert.equal(result.code, 0, result.stderr);
      const [row] = JSON.parse(result.stdout).instances;
      assert.equal(row.name, 'prod-main');
      assert.equal(row.level, 'crit');
    } finally {
      emulator.pin(first?.id ?? '', undefined);
    }
  });

  test('bad input: one line on stderr, exit 2, and no request sent', async () => {
    const env = cleanEnv({ GAUSSDB_TOKEN: token });
    const badToml = join(String(env.HOME), 'bad.toml');
    writeFileSync(badToml, 'interval = 5\nrate = 1 2\nconcurrency = 4\n');
    const unknownKey = join(String(env.HOME), 'unknown.toml');
    writeFileSync(unknownKey, 'interval = 5\n\n[thresholds]\nlocks = { warn = 1, crit = 2 }\n');
    const id = emulator.instances[0]?.id ?? '';
    const cases: [string[], RegExp, NodeJS.ProcessEnv?][] = [
      [[...target, '--discover', '--bogus'], /unknown flag --bogus/],
      [[...target, '--discover', `--token=${token}`], /--token is not accepted/],
      [
        ['--endpoint', emulator.url, '--project-id', 'short', '--discover'],
        /--project-id must be 32 letters or digits, got "short"/,
      ],
      [[...target, '--instance', 'not-an-id'], /--instance must be 36 letters or digits/],
      [
        [...target, '--discover', '--interval', '0.5'],
        /--interval must be a number of seconds between 1 and 3600, got "0.5"/,
      ],
      [[...target, '--discover', '--interval', 'soon'], /--interval .* got "soon"/],
      [[...target, '--discover', '--lang', 'fr-fr'], /--lang must be en-us or zh-cn, got "fr-fr"/],
      [
        [...target, '--discover', '--concurrency', '0'],
        /--concurrency must be a whole number between 1 and 1024/,
      ],
      [[...target, '--discover', '--rate', '-1'], /--rate must be/],
      [[...target, '--discover', '--timeout', 'x'], /--timeout must be/],
      [
        ['--endpoint', 'ftp://127.0.0.1', '--project-id', emulator.projectId, '--discover'],
        /endpoint "ftp:\/\/127.0.0.1" has unsupported scheme ftp/,
      ],
      [
        ['--endpoint', 'http://192.0.2.1', '--project-id', emulator.projectId, '--discover'],
        /plain http to a non-loopback host/,
      ],
      [
        ['--region', 'xx-nowhere-9', '--project-id', emulator.projectId, '--discover'],
        /unknown region "xx-nowhere-9"/,
      ],
      [[...target], /no instances: give --instance <id> or --discover/],
      [['--config', badToml, ...target, '--discover'], /bad\.toml:2: malformed TOML/],
      [['--config', unknownKey, ...target, '--discover'], /unknown\.toml:4: unknown key thresholds\.locks/],
      [
        ['--config', join(String(env.HOME), 'missing.toml'), ...target, '--discover'],
        /cannot read config file .*missing\.toml \(ENOENT\)/,
      ],
      [[...target, '--discover'], /no credentials/, cleanEnv()],
      [
        [...target, '--discover'],
        /HUAWEICLOUD_SDK_AK is set but HUAWEICLOUD_SDK_SK is not/,
        cleanEnv({ HUAWEICLOUD_SDK_AK: 'x' }),
      ],
      [
        [...target, '--discover'],
        /password login needs HW_DOMAIN_NAME too/,
        cleanEnv({ HW_USER_NAME: 'a', HW_USER_PASSWORD: 'b' }),
      ],
      [
        [...target, '--discover', '--token-file', join(String(env.HOME), 'nope')],
        /cannot read token file/,
        cleanEnv(),
      ],
      [[...target, '--discover', 'extra'], /unexpected argument "extra"/],
      [
        [
          ...target,
          '--instance',
          id,
          '--instance',
          id,
          '--once',
          '--json',
          '--interval',
          '1',
          '--interval',
          '2',
        ],
        /--interval can only be set once/,
      ],
    ];
    emulator.resetStats();
    for (const [args, pattern, caseEnv] of cases) {
      const result = await runCli([...args, '--once'], caseEnv ?? env);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '', args.join(' '));
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line for ${args.join(' ')}: ${result.stderr}`);
      assert.match(lines[0] ?? '', pattern);
      assert.ok(!result.stderr.includes(token), 'no secret in the message');
      assert.ok(!/\n\s+at /.test(result.stderr), 'no stack trace');
    }
    const stats = emulator.stats();
    assert.equal(stats.overviewRequests + stats.listRequests + stats.unauthorized, 0, 'nothing was sent');
  });
});

test('an old Node.js gets one line naming the version it needs', async (context) => {
  let version = '';
  try {
    version = execFileSync('/usr/bin/node', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    context.skip('no system node to try');
    return;
  }
  if (Number(version.slice(1).split('.')[0]) >= 22) {
    context.skip(`system node ${version} is new enough`);
    return;
  }
  const result = await runCli(['--once'], cleanEnv(), '/usr/bin/node');
  assert.equal(result.code, 1);
  assert.equal(result.stderr, `gaussdb-top needs Node.js >= 22, found ${version.slice(1)}\n`);
});

test('--demo --once needs no credentials and says DEMO', async () => {
  const table = await runCli(['--demo', '--once']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^DEMO: /);
  assert.equal(table.stdout.trimEnd().split('\n').length, 14);
  const json = await runCli(['--demo', '--once', '--json']);
  const document = JSON.parse(json.stdout);
  assert.equal(document.demo, true);
  assert.equal(document.instances.length, 12);
});

test('the emulator on a port already taken: one line naming the port, exit 2', async () => {
  const taken = await startEmulator();
  try {
    const port = new URL(taken.url).port;
    const result = await runCli(['emulator', '--port', port]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `gaussdb-top: --port ${port}: 127.0.0.1:${port} is already in use\n`);
  } finally {
    await taken.close();
  }
});
