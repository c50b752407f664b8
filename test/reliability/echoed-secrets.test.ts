import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readRecording } from '../../source/record/read-lines.js';
import {
  type HostileServer,
  instanceId,
  projectId,
  sendJson,
  startHostileServer,
} from '../helpers/hostile-server.js';
import { recordLive } from '../helpers/live-recording.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { hasTmux } from '../helpers/tmux.js';

// Every secret carries the same marker in its middle, so a leak of any part of one is found by a plain
// search, whatever escaping or cutting it went through.
const marker = 'Zq9xK';
const secrets = {
  token: `tok-echo-${marker}-0001`,
  accessKey: `AKECHO${marker}0002`,
  secretKey: `SK-echo-${marker}-0003`,
  securityToken: `STS-echo-${marker}-0004`,
  // A quote and a backslash: the IAM body quotes it JSON-escaped, and that form must be masked too.
  password: `PW-echo-${marker}"0005\\x`,
  issuedToken: `iam-issued-${marker}-0006`,
};
const user = { HW_USER_NAME: 'ops', HW_DOMAIN_NAME: 'acme' };

const instances = [0, 1, 2, 3].map(instanceId);

describe('credentials a server echoes back are masked in every output', () => {
  let server: HostileServer;
  /** Every Authorization value and signature sent, to look for them in the output too. */
  const sent = new Set<string>();

  before(async () => {
    server = await startHostileServer((request, response) => {
      if (request.method === 'POST' && request.path === '/v3/auth/tokens') {
        if (request.body.includes(JSON.stringify(secrets.password))) {
          response.writeHead(201, {
            'Content-Type': 'application/json',
            'X-Subject-Token': secrets.issuedToken,
          });
          response.end(
            JSON.stringify({ token: { expires_at: new Date(Date.now() + 86_400_000).toISOString() } }),
          );
          return;
        }
        return sendJson(
          response,
          401,
          {
            error: {
              code: 401,
              message: `The username or password is wrong. You sent: ${request.body}`,
              title: 'Unauthorized',
            },
          },
          { 'X-Request-Id': request.body.slice(0, 200).replace(/[^\x20-\x7e]/g, '') },
        );
      }
      const authorization = String(request.headers.authorization ?? '');
      if (authorization) {
        sent.add(authorization);
        const signature = /Signature=([0-9a-f]{64})/.exec(authorization)?.[1];
        if (signature) sent.add(signature);
      }
      const echo = [
        `bad token ${request.headers['x-auth-token'] ?? ''}`,
        `Authorization: ${authorization}`,
        `security token ${request.headers['x-security-token'] ?? ''}`,
      ].join('; ');
      const requestId = String(request.headers['x-auth-token'] ?? request.headers['x-security-token'] ?? '');
      const which = instances.findIndex((id) => request.path.includes(id));
      if (which === 0)
        return sendJson(
          response,
          403,
          { error_code: 'APIGW.0301', error_msg: echo },
          { 'X-Request-Id': requestId },
        );
      if (which === 1)
        return sendJson(
          response,
          500,
          { error: { code: 'SVC.500', message: echo } },
          { 'X-Request-Id': authorization },
        );
      if (which === 2)
        return sendJson(
          response,
          401,
          { error_code: 'APIGW.0101', error_msg: echo },
          { 'X-Request-Id': requestId },
        );
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end(`<html><head><title>Bad gateway for ${echo}</title></head><body>${echo}</body></html>`);
    });
  });
  after(() => server.close());

  const target = () => [
    '--endpoint',
    server.url,
    '--iam-endpoint',
    server.url,
    '--project-id',
    projectId,
    ...instances.flatMap((id) => ['--instance', id]),
  ];

  function assertNoSecret(output: string, where: string): void {
    assert.ok(
      !output.includes(marker),
      `${where} leaked a secret: ${output.slice(Math.max(0, output.indexOf(marker) - 60), output.indexOf(marker) + 40)}`,
    );
    for (const value of sent)
      assert.ok(!output.includes(value), `${where} leaked a signature or Authorization header`);
  }

  const modes: [string, Record<string, string>][] = [
    ['token', { GAUSSDB_TOKEN: secrets.token }],
    [
      'AK/SK with a security token',
      {
        HUAWEICLOUD_SDK_AK: secrets.accessKey,
        HUAWEICLOUD_SDK_SK: secrets.secretKey,
        HUAWEICLOUD_SDK_SECURITY_TOKEN: secrets.securityToken,
      },
    ],
    ['password (IAM issues a token, the API echoes it)', { ...user, HW_USER_PASSWORD: secrets.password }],
    [
      'wrong password (IAM echoes the request body)',
      { ...user, HW_USER_PASSWORD: `${secrets.password}-wrong` },
    ],
  ];

  for (const [mode, env] of modes) {
    test(`${mode}: --once and --once --json`, async () => {
      for (const extra of [[], ['--json']]) {
        const result = await runCli([...target(), '--once', ...extra], cleanEnv(env));
        assert.equal(result.code, 1, result.stderr);
        assert.ok(result.stdout.length > 0);
        assertNoSecret(result.stdout + result.stderr, `${mode} --once ${extra.join(' ')}`);
      }
      assert.ok(server.requests.length > 0);
    });

    test(`${mode}: --once --record, plain and gzip`, async () => {
      const folder = mkdtempSync(join(tmpdir(), 'gaussdb-top-echo-'));
      for (const name of ['echo.ndjson', 'echo.ndjson.gz']) {
        const file = join(folder, name);
        const result = await runCli([...target(), '--once', '--record', file], cleanEnv(env));
        assert.equal(result.code, 1, result.stderr);
        const recording = await readRecording(file);
        // Every instance failed and each failure is in the file, with the server's words masked.
        assert.equal(recording.lines.filter((line) => 'error' in line).length, instances.length);
        assertNoSecret(JSON.stringify(recording.lines), `${mode} recording ${name}`);
        assertNoSecret(readFileSync(file, 'latin1'), `${mode} recording ${name} (raw)`);
      }
    });

    test(`${mode}: the live screen, every row's details`, {
      skip: !hasTmux() && 'tmux is not installed',
    }, async () => {
      const live = recordLive([...target(), '--interval', '2'], env);
      try {
        await live.pane.waitFor(/(APIGW|SVC|HTTP|401)[^\n]*\n[^\n]*(APIGW|SVC|HTTP|401)/);
        for (const row of [0, 1, 2, 3]) {
          live.pane.send('g');
          for (let step = 0; step < row; step++) live.pane.send('j');
          live.pane.send('d');
          await live.pane.waitFor(/request id/);
          live.pane.send('q');
          await live.pane.waitFor(/INSTANCE/);
        }
        live.pane.send('q');
        assert.equal(await live.exited(), 0);
        assertNoSecret(live.raw(), `${mode} live`);
      } finally {
        live.pane.kill();
      }
    });
  }
});
