import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../source/emulator/server.js';
import { cleanEnv, runCli } from './helpers/run-cli.js';

// Distinctive values, so any leak is found by a plain substring search.
const secrets = {
  token: 'TOKEN-zq81-Distinctive',
  accessKey: 'AK-zq81-DISTINCTIVE',
  secretKey: 'SK-zq81-Distinctive',
  securityToken: 'STS-zq81-Distinctive',
  password: 'PW-zq81-Distinctive',
};

describe('secrets never reach output', () => {
  let emulator: Emulator;
  let target: string[];
  before(async () => {
    emulator = await startEmulator({
      instances: 3,
      credentials: {
        token: secrets.token,
        accessKey: secrets.accessKey,
        secretKey: secrets.secretKey,
        user: { name: 'ops', password: secrets.password, domain: 'acme' },
      },
    });
    target = [
      '--endpoint',
      emulator.url,
      '--iam-endpoint',
      emulator.url,
      '--project-id',
      emulator.projectId,
      '--discover',
    ];
  });
  after(() => emulator.close());

  const wrong = (value: string) => `${value}-WRONG`;
  const modes: [string, Record<string, string>][] = [
    ['token', { GAUSSDB_TOKEN: secrets.token }],
    ['wrong token', { GAUSSDB_TOKEN: wrong(secrets.token) }],
    ['AK/SK', { HUAWEICLOUD_SDK_AK: secrets.accessKey, HUAWEICLOUD_SDK_SK: secrets.secretKey }],
    [
      'AK/SK with a temporary token',
      {
        HW_ACCESS_KEY: secrets.accessKey,
        HW_SECRET_KEY: wrong(secrets.secretKey),
        HW_SECURITY_TOKEN: secrets.securityToken,
      },
    ],
    ['password', { HW_USER_NAME: 'ops', HW_USER_PASSWORD: secrets.password, HW_DOMAIN_NAME: 'acme' }],
    [
      'wrong password',
      { HW_USER_NAME: 'ops', HW_USER_PASSWORD: wrong(secrets.password), HW_DOMAIN_NAME: 'acme' },
    ],
  ];

  for (const [mode, env] of modes) {
    test(`${mode}: table, JSON and errors are clean`, async () => {
      emulator.setFault(emulator.instances[0]?.id ?? '', { kind: 'status', status: 500 });
      try {
        for (const extra of [[], ['--json'], ['--bogus-flag']]) {
          const result = await runCli([...target, '--once', ...extra], cleanEnv(env));
          const output = result.stdout + result.stderr;
          assert.ok(output.length > 0, 'said something');
          for (const secret of Object.values(secrets))
            assert.ok(!output.includes(secret), `${mode} ${extra.join(' ')} leaked a secret`);
        }
      } finally {
        emulator.setFault(emulator.instances[0]?.id ?? '', undefined);
      }
    });
  }

  test('a token file works and its content is never echoed', async () => {
    const env = cleanEnv();
    const file = join(String(env.HOME), 'token');
    writeFileSync(file, `${secrets.token}\n`, { mode: 0o600 });
    const result = await runCli([...target, '--once', '--token-file', file], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '', 'a private token file draws no warning');
    chmodSync(file, 0o644);
    const loose = await runCli([...target, '--once', '--token-file', file], env);
    assert.equal(loose.code, 0);
    assert.match(
      loose.stderr,
      /^gaussdb-top: warning: token file .* can be read by other users \(mode 644\); chmod 600 it\n$/,
    );
    writeFileSync(file, `${secrets.token} ${secrets.token}\n`);
    const bad = await runCli([...target, '--once', '--token-file', file], env);
    assert.equal(bad.code, 2);
    assert.ok(!bad.stderr.includes(secrets.token));
  });
});
