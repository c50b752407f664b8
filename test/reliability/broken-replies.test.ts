import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../../source/cloud/api-error.js';
import type { GaussDbClient } from '../../source/cloud/client.js';
import { connectedClient } from '../helpers/client.js';
import {
  type HostileServer,
  instanceId,
  projectId,
  sendJson,
  startHostileServer,
} from '../helpers/hostile-server.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
const bodies: Record<string, string> = {
  [instanceId(0)]: `{"total_num":${deep},"active_num":"1","slow_sql_num":"0","lock_num":"0"}`,
  [instanceId(1)]:
    `{"total_num":${'{"":'.repeat(12_000)}1${'}'.repeat(12_000)},"active_num":"1","slow_sql_num":"0","lock_num":"0"}`,
  [instanceId(2)]: '{"active_num":"1","slow_sql_num":"0","lock_num":"0"}',
};
const wrongPassword = {
  error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
};

describe('broken replies are reported as what they are', () => {
  let server: HostileServer;
  let client: GaussDbClient;
  let close: () => Promise<void>;

  before(async () => {
    server = await startHostileServer((request, response) => {
      if (request.path === '/v3/auth/tokens') return sendJson(response, 401, wrongPassword);
      const id = Object.keys(bodies).find((key) => request.path.includes(key)) ?? '';
      sendJson(response, 200, bodies[id] ?? '{}');
    });
    ({ client, close } = connectedClient(server.url, projectId, { timeoutMs: 5000 }));
  });
  after(async () => {
    await close();
    await server.close();
  });

  for (const [what, id] of [
    ['20,000 nested lists', instanceId(0)],
    ['12,000 nested objects', instanceId(1)],
  ]) {
    test(`a count of ${what} is a bad response naming the field, not a stack overflow`, async () => {
      const error = await client.sessionOverview(id ?? '').then(
        () => assert.fail('expected a bad response'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof ApiError, String(error));
      assert.equal(error.code, 'BAD_RESPONSE');
      assert.equal(error.field, 'total_num');
      assert.match(error.message, /^total_num is not a count: an? (list|object)$/);
    });
  }

  test('--once: a bad response says so once; a nested count is not a network error', async () => {
    const ids = Object.keys(bodies).flatMap((id) => ['--instance', id]);
    const result = await runCli(
      ['--endpoint', server.url, '--project-id', projectId, ...ids, '--once'],
      cleanEnv({ GAUSSDB_TOKEN: 'test-token' }),
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /bad response: total_num is missing/);
    assert.match(result.stdout, /bad response: total_num is not a count: a list/);
    assert.doesNotMatch(result.stdout, /bad response: bad response/);
    assert.doesNotMatch(result.stdout, /network error|call stack/);
  });

  test("IAM's numeric error code is read: a wrong password shows IAM's message", async () => {
    const result = await runCli(
      [
        '--endpoint',
        server.url,
        '--iam-endpoint',
        server.url,
        '--project-id',
        projectId,
        '--instance',
        instanceId(2),
        '--once',
      ],
      cleanEnv({ HW_USER_NAME: 'ops', HW_USER_PASSWORD: 'wrong-password', HW_DOMAIN_NAME: 'acme' }),
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /401 IAM token request failed: The username or password is wrong\.$/m);
    assert.doesNotMatch(result.stdout, /HTTP error|\{"error"/);
    const json = await runCli(
      [
        '--endpoint',
        server.url,
        '--iam-endpoint',
        server.url,
        '--project-id',
        projectId,
        '--instance',
        instanceId(2),
        '--once',
        '--json',
      ],
      cleanEnv({ HW_USER_NAME: 'ops', HW_USER_PASSWORD: 'wrong-password', HW_DOMAIN_NAME: 'acme' }),
    );
    const error = (JSON.parse(json.stdout) as { instances: { error: { code: string; message: string } }[] })
      .instances[0]?.error;
    assert.equal(error?.code, 'LOGIN_REFUSED');
    assert.match(error?.message ?? '', /IAM token request failed: The username or password is wrong\.$/);
  });
});
