import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Credentials } from '../../source/config/credentials.js';
import type { Settings, Target } from '../../source/config/settings.js';
import { openConnection } from '../../source/connect.js';
import { pollOnce } from '../../source/monitor/poll-once.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { systemClock, systemTimers } from '../../source/time.js';
import { type HostileServer, sendJson, startHostileServer } from '../helpers/hostile-server.js';

// Edges found by trying to break the credential promises, each counted at a loopback fake.

const projectId = 'a'.repeat(32);
const ids = Array.from({ length: 10 }, (_, index) => `${String(index).padStart(3, '0')}${'b'.repeat(33)}`);
const aksk: Credentials = { mode: 'aksk', accessKey: 'AKEDGE', secretKey: 'SK-edge' };
const servers: HostileServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

const counts = { total_num: '5', active_num: '1', slow_sql_num: '0', lock_num: '0' };

async function server(answer: Parameters<typeof startHostileServer>[0]): Promise<HostileServer> {
  const started = await startHostileServer(answer);
  servers.push(started);
  return started;
}

function settingsFor(targets: Target[], timeoutMs = 5000): Settings {
  return {
    targets,
    intervalMs: 1000,
    language: 'en-us',
    rate: 1000,
    concurrency: 16,
    timeoutMs,
    thresholds: defaultThresholds,
    ascii: false,
  };
}

const target = (url: string, extra: Partial<Target> = {}): Target => ({
  endpoint: url,
  projectId,
  instances: ids.map((id) => ({ id })),
  discover: false,
  ...extra,
});

async function once(settings: Settings, credentials: Credentials) {
  const connection = openConnection(settings, credentials, () => 'en-us', { userAgent: 'test' });
  try {
    const { jobs } = await connection.jobs();
    return await pollOnce(jobs, { concurrency: 16, rate: 1000, clock: systemClock, timers: systemTimers });
  } finally {
    await connection.close();
  }
}

const overviews = (fake: HostileServer) => fake.count(/session-overview$/);

test('a 401 whose body is too large to read is still a refusal: two bad signatures, not ten', async () => {
  const fake = await server((_, response) => {
    response.writeHead(401, { 'Content-Type': 'application/json' });
    response.end(`{"error_code":"APIGW.0301","error_msg":"${'x'.repeat(100_000)}"}`);
  });
  const results = await once(settingsFor([target(fake.url)]), aksk);
  assert.equal(overviews(fake), 2);
  assert.ok(results.every((result) => result.error?.code === 'CREDENTIALS_REFUSED'));
});

test('a 401 whose body never ends is still a refusal: two bad signatures, not one per timeout', async () => {
  const fake = await server((_, response) => {
    response.writeHead(401, { 'Content-Type': 'application/json' });
    response.write('{"error_code":');
  });
  await once(settingsFor([target(fake.url)], 500), aksk);
  assert.equal(overviews(fake), 2);
});

test('one instance denied on its own, asked first: the others answer; only its row shows it', async () => {
  const fake = await server((request, response) => {
    if (request.path.includes(ids[0] ?? ''))
      return sendJson(response, 401, { error_code: 'APIGW.0305', error_msg: 'policy' });
    sendJson(response, 200, counts);
  });
  const results = await once({ ...settingsFor([target(fake.url)]), concurrency: 1 }, aksk);
  assert.equal(results[0]?.error?.code, 'CREDENTIALS_REFUSED');
  assert.ok(results.slice(1).every((result) => result.error === null && result.overview !== null));
});

test('endpoint B, held back for what A said, is told it was A', async () => {
  const a = await server((_, response) =>
    sendJson(response, 401, { error_code: 'APIGW.0301', error_msg: 'no' }),
  );
  const b = await server((_, response) => sendJson(response, 200, counts));
  const results = await once({ ...settingsFor([target(a.url), target(b.url)]), concurrency: 1 }, aksk);
  const hostOf = (url: string) => new URL(url).host;
  assert.equal(b.requests.length, 0, 'an AK refused at A gets no unproven try at B');
  for (const result of results.slice(10))
    assert.match(result.error?.message ?? '', new RegExp(`refused by ${hostOf(a.url)}`));
});

test('a gateway slower than the timeout: two probes, then the set waits instead of signing on', async () => {
  const fake = await server(() => {
    // Never answers: each request still reaches the gateway and would count as a signature.
  });
  const results = await once(settingsFor([target(fake.url)], 300), aksk);
  assert.equal(overviews(fake), 2);
  assert.equal(results.filter((result) => result.error?.code === 'TIMEOUT').length, 2);
});

test('an IAM slower than the timeout: at most two logins, not one per project', async () => {
  const fake = await server(() => {});
  const targets = Array.from({ length: 8 }, (_, index) =>
    target(fake.url, { projectId: String(index).padStart(32, 'c'), iamEndpoint: fake.url }),
  );
  await once(settingsFor(targets, 300), { mode: 'password', userName: 'u', password: 'p', domainName: 'd' });
  assert.ok(fake.count(/auth\/tokens$/) <= 2, `logins: ${fake.count(/auth\/tokens$/)}`);
});
