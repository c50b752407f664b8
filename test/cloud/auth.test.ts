import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ApiError } from '../../source/cloud/api-error.js';
import { akSkAuthenticator, passwordAuthenticator } from '../../source/cloud/auth.js';
import { requestIamToken } from '../../source/cloud/iam.js';
import { createDispatcher } from '../../source/cloud/transport.js';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { systemClock } from '../../source/time.js';
import { testClient } from '../helpers/client.js';
import { apiError } from '../helpers/errors.js';
import { FakeClock } from '../helpers/fake-clock.js';

const user = { name: 'alice', password: 'pa55-Distinctive-Word', domain: 'acme' };
const keys = { accessKey: 'AKEXAMPLE0001', secretKey: 'SK-Distinctive-Secret' };

describe('AK/SK signing, verified by the emulator', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ instances: 2, credentials: keys });
  });
  after(() => emulator.close());

  test('signed requests are accepted, with a security token too', async () => {
    for (const securityToken of [undefined, 'temporary-token']) {
      const { client, dispatcher } = testClient(emulator.url, emulator.projectId, {
        authenticator: akSkAuthenticator({ ...keys, securityToken }, systemClock),
      });
      try {
        const overview = await client.sessionOverview(emulator.instances[0]?.id ?? '');
        assert.equal(typeof overview.total, 'number');
        assert.equal((await client.listInstances()).length, 2);
      } finally {
        await dispatcher.destroy();
      }
    }
  });

  test('a wrong secret key is refused once and not retried (the AK would lock)', async () => {
    emulator.resetStats();
    const { client, dispatcher } = testClient(emulator.url, emulator.projectId, {
      authenticator: akSkAuthenticator({ ...keys, secretKey: 'wrong' }, systemClock),
    });
    try {
      await assert.rejects(client.sessionOverview(emulator.instances[0]?.id ?? ''), (error: ApiError) => {
        assert.equal(error.code, 'CREDENTIALS_REFUSED');
        assert.match(error.message, /^APIGW\.0301 /);
        assert.equal(error.retryable, false);
        assert.ok(!error.message.includes('wrong'));
        return true;
      });
      assert.equal(emulator.stats().unauthorized, 1);
    } finally {
      await dispatcher.destroy();
    }
  });

  test('a clock more than 15 minutes off is refused like the gateway does', async () => {
    const skewed = new FakeClock(0, Date.now() - 20 * 60_000);
    const { client, dispatcher } = testClient(emulator.url, emulator.projectId, {
      authenticator: akSkAuthenticator(keys, skewed),
    });
    try {
      await assert.rejects(client.sessionOverview(emulator.instances[0]?.id ?? ''), {
        code: 'CREDENTIALS_REFUSED',
      });
    } finally {
      await dispatcher.destroy();
    }
  });
});

describe('IAM password login', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ instances: 20, credentials: { user } });
  });
  after(() => emulator.close());

  function passwordClient(clock = new FakeClock()) {
    const holder: { dispatcher?: ReturnType<typeof testClient>['dispatcher'] } = {};
    const authenticator = passwordAuthenticator(
      () =>
        requestIamToken({
          dispatcher: holder.dispatcher as NonNullable<typeof holder.dispatcher>,
          iamEndpoint: emulator.url,
          projectId: emulator.projectId,
          credentials: { userName: user.name, password: user.password, domainName: user.domain },
          timeoutMs: 2000,
          userAgent: 'test',
          clock,
        }),
      clock,
    );
    const setup = testClient(emulator.url, emulator.projectId, { authenticator });
    holder.dispatcher = setup.dispatcher;
    return { ...setup, clock };
  }

  test('one token serves many requests', async () => {
    emulator.resetStats();
    const { client, dispatcher } = passwordClient();
    try {
      await Promise.all(emulator.instances.map((instance) => client.sessionOverview(instance.id)));
      assert.equal(emulator.stats().tokenRequests, 1);
      assert.equal(emulator.stats().overviewRequests, 20);
    } finally {
      await dispatcher.destroy();
    }
  });

  test('after revocation, 20 requests failing together share one renewal and each retries once', async () => {
    const { client, dispatcher } = passwordClient();
    try {
      await client.sessionOverview(emulator.instances[0]?.id ?? '');
      emulator.revokeTokens();
      emulator.resetStats();
      const results = await Promise.all(
        emulator.instances.map((instance) => client.sessionOverview(instance.id)),
      );
      assert.equal(results.length, 20);
      const stats = emulator.stats();
      assert.equal(stats.tokenRequests, 1, 'single flight');
      assert.equal(stats.unauthorized, 20);
      assert.equal(stats.overviewRequests, 20);
      assert.equal(stats.tokensSeen.length, 2, 'the old token and the new one');
    } finally {
      await dispatcher.destroy();
    }
  });

  test('the token is renewed before it expires', async () => {
    const shortLived = await startEmulator({
      instances: 1,
      credentials: { user },
      tokenLifetimeMs: 10 * 60_000,
    });
    const clock = new FakeClock();
    const authenticator = passwordAuthenticator(
      () =>
        requestIamToken({
          dispatcher: setup.dispatcher,
          iamEndpoint: shortLived.url,
          projectId: shortLived.projectId,
          credentials: { userName: user.name, password: user.password, domainName: user.domain },
          timeoutMs: 2000,
          userAgent: 'test',
          clock,
        }),
      clock,
    );
    const setup = testClient(shortLived.url, shortLived.projectId, { authenticator });
    try {
      const id = shortLived.instances[0]?.id ?? '';
      await setup.client.sessionOverview(id);
      clock.advance(4 * 60_000);
      await setup.client.sessionOverview(id);
      assert.equal(shortLived.stats().tokenRequests, 1, 'still fresh after 4 of 10 minutes');
      clock.advance(2 * 60_000);
      await setup.client.sessionOverview(id);
      assert.equal(shortLived.stats().tokenRequests, 2, 'renewed 5 minutes before expiry');
      assert.equal(shortLived.stats().unauthorized, 0, 'never used an expired token');
    } finally {
      await setup.dispatcher.destroy();
      await shortLived.close();
    }
  });

  test('a server whose clock is days behind still yields a usable, cached token', async () => {
    const lagging = await startEmulator({
      instances: 1,
      credentials: { user },
      now: () => Date.now() - 3 * 86_400_000,
    });
    const clock = new FakeClock();
    const dispatcher = createDispatcher({ timeoutMs: 2000, connections: 1 });
    const issued = await requestIamToken({
      dispatcher,
      iamEndpoint: lagging.url,
      projectId: lagging.projectId,
      credentials: { userName: user.name, password: user.password, domainName: user.domain },
      timeoutMs: 2000,
      userAgent: 'test',
      clock,
    });
    await dispatcher.destroy();
    await lagging.close();
    assert.equal(issued.lifetimeMs, 24 * 3600_000, 'lifetime from issued_at, not from our clock');
  });

  test('wrong password: a clear error that does not contain the password', async () => {
    const dispatcher = createDispatcher({ timeoutMs: 2000, connections: 1 });
    try {
      await assert.rejects(
        requestIamToken({
          dispatcher,
          iamEndpoint: emulator.url,
          projectId: emulator.projectId,
          credentials: { userName: user.name, password: 'Not-The-Password', domainName: user.domain },
          timeoutMs: 2000,
          userAgent: 'test',
          clock: systemClock,
        }),
        (error: ApiError) => {
          assert.equal(error.status, 401);
          assert.match(error.message, /IAM token request failed: The username or password is wrong/);
          assert.ok(!error.message.includes('Not-The-Password'));
          return true;
        },
      );
    } finally {
      await dispatcher.destroy();
    }
  });
});

test('password authenticator: concurrent callers share one token request (fake issuer)', async () => {
  const clock = new FakeClock();
  let issued = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const authenticator = passwordAuthenticator(async () => {
    issued++;
    await gate;
    return { token: `t${issued}`, lifetimeMs: 3600_000 };
  }, clock);
  const pending = Array.from({ length: 10 }, () =>
    authenticator.authenticate({
      method: 'GET',
      url: new URL('https://x'),
      projectId: 'p',
      headers: {},
      body: '',
    }),
  );
  release();
  const results = await Promise.all(pending);
  assert.equal(issued, 1);
  assert.ok(results.every((result) => result.credential === 't1'));
  assert.equal(await authenticator.recover('t1'), true);
  assert.equal(await authenticator.recover('t1'), true, 'a stale credential does not renew again');
  assert.equal(issued, 2);
});

for (const [status, firstWaitMs, secondWaitMs] of [
  [503, 30_000, 60_000],
  [401, 5 * 60_000, 5 * 60_000],
] as const) {
  test(`password authenticator: a failed login (${status}) is not retried on every poll`, async () => {
    const clock = new FakeClock();
    let logins = 0;
    const authenticator = passwordAuthenticator(async () => {
      logins++;
      throw apiError({ status, code: 'IAM.0002', message: 'no', retryable: status === 503 });
    }, clock);
    const request = {
      method: 'GET' as const,
      url: new URL('https://x'),
      projectId: 'p',
      headers: {},
      body: '',
    };
    for (let attempt = 0; attempt < 10; attempt++)
      await assert.rejects(authenticator.authenticate(request), { code: 'IAM.0002' });
    assert.equal(logins, 1, 'one login, then the remembered failure');
    clock.advance(firstWaitMs - 1);
    await assert.rejects(authenticator.authenticate(request));
    assert.equal(logins, 1, 'not before the wait is over');
    clock.advance(1);
    await assert.rejects(authenticator.authenticate(request));
    assert.equal(logins, 2, 'asked again after the wait');
    clock.advance(secondWaitMs - 1);
    await assert.rejects(authenticator.authenticate(request));
    assert.equal(logins, 2, 'then waits as long again, or longer');
  });
}
