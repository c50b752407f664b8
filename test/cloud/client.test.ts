import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { ApiError } from '../../source/cloud/api-error.js';
import { tokenAuthenticator } from '../../source/cloud/auth.js';
import type { Fault } from '../../source/emulator/faults.js';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { testClient } from '../helpers/client.js';

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('client against the emulator (token mode)', () => {
  let emulator: Emulator;
  let setup: ReturnType<typeof testClient>;
  let instanceId: string;

  before(async () => {
    emulator = await startEmulator({ instances: 3, credentials: { token: 'test-token' } });
    // A deadline no loaded machine reaches for a loopback answer; the timeout tests bring their own.
    setup = testClient(emulator.url, emulator.projectId, { timeoutMs: 30_000 });
    instanceId = emulator.instances[0]?.id ?? '';
  });
  after(async () => {
    await setup.dispatcher.destroy();
    await emulator.close();
  });
  beforeEach(() => {
    emulator.setFault(instanceId, undefined);
    emulator.pin(instanceId, undefined);
    emulator.resetStats();
  });

  test('reads the four counts, sending X-Language, Accept and a User-Agent', async () => {
    emulator.pin(instanceId, { total: '036', active: 12, slowSql: '001', lock: '0' });
    const overview = await setup.client.sessionOverview(instanceId);
    assert.deepEqual(overview, { total: 36, active: 12, slowSql: 1, lock: 0 });
    const stats = emulator.stats();
    assert.equal(stats.lastLanguage, 'en-us');
    assert.match(stats.lastUserAgent ?? '', /^gaussdb-top\//);
  });

  test('the language is read per request', async () => {
    let language: 'en-us' | 'zh-cn' = 'en-us';
    const local = testClient(emulator.url, emulator.projectId, { language: () => language });
    try {
      await local.client.sessionOverview(instanceId);
      language = 'zh-cn';
      await local.client.sessionOverview(instanceId);
      assert.deepEqual(emulator.stats().languages, { 'en-us': 1, 'zh-cn': 1 });
      emulator.setFault(instanceId, { kind: 'status', status: 404 });
      const error = await failure(local.client.sessionOverview(instanceId));
      assert.equal(error.message, '实例不存在。');
    } finally {
      await local.dispatcher.destroy();
    }
  });

  test('discovery follows pagination to the end', async () => {
    const big = await startEmulator({ instances: 250, credentials: { token: 'test-token' } });
    const local = testClient(big.url, big.projectId);
    try {
      const found = await local.client.listInstances();
      assert.equal(found.length, 250);
      assert.equal(new Set(found.map((instance) => instance.id)).size, 250);
      assert.equal(big.stats().listRequests, 3);
    } finally {
      await local.dispatcher.destroy();
      await big.close();
    }
  });

  test('a refused ready token is one request, not retried, and says so', async () => {
    const local = testClient(emulator.url, emulator.projectId);
    const stranger = testClient(emulator.url, emulator.projectId, {
      authenticator: tokenAuthenticator('wrong'),
    });
    try {
      const error = await failure(stranger.client.sessionOverview(instanceId));
      assert.equal(error.status, 401);
      assert.equal(error.code, 'CREDENTIALS_REFUSED');
      assert.equal(error.retryable, false);
      assert.match(error.message, /^APIGW\.0301 /, "the server's own code stays in the message");
      assert.equal(emulator.stats().unauthorized, 1);
    } finally {
      await local.dispatcher.destroy();
      await stranger.dispatcher.destroy();
    }
  });

  const statusCases: {
    fault: Fault;
    status: number;
    code: string;
    retryable: boolean;
    retryAfterMs?: number | null;
  }[] = [
    { fault: { kind: 'status', status: 404 }, status: 404, code: 'DBS.200002', retryable: false },
    { fault: { kind: 'status', status: 403 }, status: 403, code: 'DBS.200011', retryable: false },
    {
      fault: { kind: 'status', status: 429, retryAfter: '3' },
      status: 429,
      code: 'APIGW.0308',
      retryable: true,
      retryAfterMs: 3000,
    },
    {
      fault: { kind: 'status', status: 429 },
      status: 429,
      code: 'APIGW.0308',
      retryable: true,
      retryAfterMs: null,
    },
    { fault: { kind: 'status', status: 500 }, status: 500, code: 'DBS.200000', retryable: true },
    {
      fault: { kind: 'status', status: 500, body: 'nested-json' },
      status: 500,
      code: 'DBS.200000',
      retryable: true,
    },
    { fault: { kind: 'status', status: 502, body: 'html' }, status: 502, code: 'HTTP', retryable: true },
    { fault: { kind: 'status', status: 503, body: 'empty' }, status: 503, code: 'HTTP', retryable: true },
    {
      fault: { kind: 'status', status: 504, body: 'json' },
      status: 504,
      code: 'DBS.200000',
      retryable: true,
    },
  ];
  for (const { fault, status, code, retryable, retryAfterMs } of statusCases) {
    test(`HTTP ${status} (${fault.kind === 'status' ? (fault.body ?? 'json') : ''}${fault.kind === 'status' && fault.retryAfter ? ', Retry-After' : ''}) is a typed error`, async () => {
      emulator.setFault(instanceId, fault);
      const error = await failure(setup.client.sessionOverview(instanceId));
      assert.equal(error.status, status);
      assert.equal(error.code, code);
      assert.equal(error.retryable, retryable);
      assert.match(error.requestId ?? '', /^[0-9a-f]{32}$/);
      assert.ok(error.message.length > 0 && !error.message.includes('<'));
      if (retryAfterMs !== undefined) assert.equal(error.retryAfterMs, retryAfterMs);
    });
  }

  const badBodies: [string, string][] = [
    ['{"total_num":', 'body'],
    ['[]', 'body'],
    ['{"active_num":"1","slow_sql_num":"0","lock_num":"0"}', 'total_num'],
    ['{"active_num":"-3","total_num":"5","slow_sql_num":"0","lock_num":"0"}', 'active_num'],
    ['{"active_num":"1","total_num":"2.5","slow_sql_num":"0","lock_num":"0"}', 'total_num'],
    ['{"active_num":"1","total_num":"5","slow_sql_num":"many","lock_num":"0"}', 'slow_sql_num'],
    [
      '{"active_num":"1","total_num":"5","slow_sql_num":"0","lock_num":"123456789012345678901234567890"}',
      'lock_num',
    ],
  ];
  for (const [text, field] of badBodies) {
    test(`a bad body (${text.slice(0, 30)}) names ${field}`, async () => {
      emulator.setFault(instanceId, { kind: 'body', text });
      const error = await failure(setup.client.sessionOverview(instanceId));
      assert.equal(error.code, 'BAD_RESPONSE');
      assert.equal(error.field, field);
    });
  }

  test('a 50 MB body is cut off as TOO_LARGE', async () => {
    emulator.setFault(instanceId, { kind: 'oversized', bytes: 50 * 1024 * 1024 });
    const error = await failure(setup.client.sessionOverview(instanceId));
    assert.equal(error.code, 'TOO_LARGE');
  });

  for (const fault of [
    { kind: 'hang' },
    { kind: 'stall-body' },
    { kind: 'drip', intervalMs: 100 },
  ] as Fault[]) {
    test(`${fault.kind} times out at the request timeout`, async () => {
      emulator.setFault(instanceId, fault);
      // Without the request's own deadline, none of these would end (a drip never goes idle).
      const short = testClient(emulator.url, emulator.projectId, { timeoutMs: 400 });
      try {
        const error = await failure(short.client.sessionOverview(instanceId));
        assert.equal(error.code, 'TIMEOUT');
        assert.equal(error.retryable, true);
      } finally {
        await short.dispatcher.destroy();
      }
    });
  }

  test('a connection reset mid-body is a network error', async () => {
    emulator.setFault(instanceId, { kind: 'reset' });
    const error = await failure(setup.client.sessionOverview(instanceId));
    assert.equal(error.code, 'NETWORK');
    assert.equal(error.status, null);
  });

  test('a redirect is not followed, so the token goes nowhere else', async () => {
    const elsewhere = await startEmulator({ credentials: { token: 'test-token' } });
    try {
      emulator.setFault(instanceId, {
        kind: 'redirect',
        location: `${elsewhere.url}/v3/x/instances/y/session-overview`,
      });
      const error = await failure(setup.client.sessionOverview(instanceId));
      assert.equal(error.code, 'REDIRECT');
      assert.equal(elsewhere.stats().overviewRequests + elsewhere.stats().unauthorized, 0);
    } finally {
      await elsewhere.close();
    }
  });

  test('connection refused is a network error naming the host', async () => {
    const closed = await startEmulator();
    const url = closed.url;
    await closed.close();
    const local = testClient(url, emulator.projectId);
    try {
      const error = await failure(local.client.sessionOverview(instanceId));
      assert.equal(error.code, 'NETWORK');
      assert.match(error.message, /refused/);
    } finally {
      await local.dispatcher.destroy();
    }
  });
});
