import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Credentials } from '../../source/config/credentials.js';
import type { Settings, Target } from '../../source/config/settings.js';
import { openConnection } from '../../source/connect.js';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { pollOnce } from '../../source/monitor/poll-once.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { systemClock, systemTimers } from '../../source/time.js';
import { startLiveEngine } from '../helpers/live-engine.js';

// Every promise here is about requests, so every test counts them at a real loopback server.

const keys = { accessKey: 'AKSPRAYTEST0001', secretKey: 'SK-right-one' };
const wrongKeys: Credentials = { mode: 'aksk', accessKey: keys.accessKey, secretKey: 'SK-wrong-one' };
const user = { name: 'alice', password: 'right-password', domain: 'acme' };
const emulators: Emulator[] = [];
after(() => Promise.all(emulators.map((emulator) => emulator.close())));

async function emulator(options: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
  const started = await startEmulator(options);
  emulators.push(started);
  return started;
}

function settingsFor(targets: Target[], extra: Partial<Settings> = {}): Settings {
  return {
    targets,
    intervalMs: 1000,
    language: 'en-us',
    rate: 1000,
    concurrency: 16,
    timeoutMs: 5000,
    thresholds: defaultThresholds,
    ascii: false,
    ...extra,
  };
}

async function once(settings: Settings, credentials: Credentials) {
  const connection = openConnection(settings, credentials, () => 'en-us', { userAgent: 'test' });
  try {
    const { jobs, failures: problems } = await connection.jobs();
    const results = await pollOnce(jobs, {
      concurrency: 16,
      rate: 1000,
      clock: systemClock,
      timers: systemTimers,
    });
    return { results, problems };
  } finally {
    await connection.close();
  }
}

const targetOf = (server: Emulator, extra: Partial<Target> = {}): Target => ({
  endpoint: server.url,
  projectId: server.projectId,
  instances: server.instances.map((instance) => ({ id: instance.id })),
  discover: false,
  ...extra,
});

test('a slow gateway (refusal after 1.7 s): --once sends two bad signatures one after the other, not one per 1.5 s', async () => {
  const server = await emulator({ instances: 8, credentials: keys, latencyMs: 1700 });
  const { results } = await once(settingsFor([targetOf(server)]), wrongKeys);
  assert.equal(server.stats().unauthorized, 2, "a first 401 might be the instance's own; a second decides");
  assert.ok(results.every((result) => result.error?.code === 'CREDENTIALS_REFUSED'));
});

test('a 404 from one endpoint proves nothing: the other endpoint gets two bad signatures, not five', async () => {
  const gone = await emulator({ instances: 5, credentials: keys });
  gone.setFault('*', { kind: 'status', status: 404 });
  const refusing = await emulator({ instances: 5, credentials: { accessKey: 'AKOTHER', secretKey: 'x' } });
  await once(settingsFor([targetOf(gone), targetOf(refusing)]), { mode: 'aksk', ...keys });
  assert.equal(refusing.stats().unauthorized, 2);
});

test('discovery is gated: eight discovering targets with a wrong AK/SK send two bad signatures', async () => {
  const server = await emulator({ instances: 3, credentials: keys });
  const targets = Array.from({ length: 8 }, (_, index) =>
    targetOf(server, { projectId: `${index}`.padStart(32, 'a'), instances: [], discover: true }),
  );
  const { problems } = await once(settingsFor(targets), wrongKeys);
  assert.equal(server.stats().unauthorized, 2);
  assert.equal(problems.length, 8, 'every target says its listing failed');
});

test('password mode: eight projects with a wrong password cost one IAM login', async () => {
  const server = await emulator({ instances: 2, credentials: { user } });
  const targets = Array.from({ length: 8 }, (_, index) =>
    targetOf(server, { projectId: `${index}`.padStart(32, 'b'), iamEndpoint: server.url }),
  );
  const { results } = await once(settingsFor(targets), {
    mode: 'password',
    userName: user.name,
    password: 'wrong',
    domainName: user.domain,
  });
  assert.equal(server.stats().tokenRequests, 1);
  assert.ok(
    results.every(
      (result) => result.error?.code === 'LOGIN_REFUSED' || result.error?.code === 'CREDENTIALS_REFUSED',
    ),
  );
});

test('live: r pressed six times while refused credentials rest sends nothing', async () => {
  const server = await emulator({ instances: 10, credentials: keys });
  const engine = await startLiveEngine(server, wrongKeys, { targets: [targetOf(server)] });
  try {
    const status = () => engine.monitor.store.getSnapshot().status;
    await engine.until(() => status().credentials.length > 0, 10_000, 'the refusal on the header');
    const [problem] = status().credentials;
    assert.equal(problem?.state, 'refused');
    assert.ok((problem?.nextTryAt ?? 0) - performance.now() > 4 * 60_000, 'resting about five minutes');
    for (let press = 0; press < 6; press++) engine.monitor.commands.refreshNow();
    // Whatever r would send leaves at once (the budget is 1000/s): give it every chance to.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(server.stats().unauthorized, 2);
    assert.equal(status().credentials[0]?.nextTryAt, problem?.nextTryAt, 'r did not restart the rest');
  } finally {
    await engine.stop();
  }
});

test('live: one instance denied (401) does not blank the others; only its row shows the refusal', async () => {
  const server = await emulator({ instances: 10, credentials: { token: 'good-token' } });
  const denied = server.instances[3]?.id ?? '';
  const engine = await startLiveEngine(server, 'good-token', { targets: [targetOf(server)] });
  try {
    await engine.until(
      () => engine.monitor.store.getSnapshot().instances.every((view) => view.successes > 0),
      10_000,
      'every instance answering',
    );
    server.setFault(denied, { kind: 'status', status: 401 });
    await engine.until(() => engine.view(denied).error?.code === 'CREDENTIALS_REFUSED', 10_000, 'the denial');
    const before = engine.monitor.store.getSnapshot().instances.map((view) => view.successes);
    await engine.until(
      () =>
        engine.monitor.store
          .getSnapshot()
          .instances.every(
            (view, index) => view.instanceId === denied || view.successes >= (before[index] ?? 0) + 2,
          ),
      10_000,
      'the nine others answering twice more',
    );
    const snapshot = engine.monitor.store.getSnapshot();
    assert.deepEqual(
      snapshot.instances.filter((view) => view.error).map((view) => view.instanceId),
      [denied],
    );
    assert.deepEqual(snapshot.status.credentials, [], 'the probe found the token fine');
  } finally {
    await engine.stop();
  }
});

test('live: endpoint B is never marked for what endpoint A said', async () => {
  const a = await emulator({ instances: 3, credentials: { token: 'other-token' } });
  const b = await emulator({ instances: 3, seed: 2, credentials: { token: 'good-token' } });
  const engine = await startLiveEngine(a, 'good-token', { targets: [targetOf(a), targetOf(b)] });
  try {
    const snapshot = () => engine.monitor.store.getSnapshot();
    const ofB = (view: { instanceId: string }) =>
      b.instances.some((instance) => instance.id === view.instanceId);
    await engine.until(
      () => snapshot().instances.every((view) => (ofB(view) ? view.successes >= 2 : view.error !== null)),
      10_000,
      'A refused, B answering',
    );
    assert.ok(
      snapshot()
        .instances.filter(ofB)
        .every((view) => view.error === null),
    );
    assert.deepEqual(
      snapshot().status.credentials.map((problem) => problem.where),
      [new URL(a.url).host],
    );
    assert.equal(a.stats().unauthorized, 2);
  } finally {
    await engine.stop();
  }
});

test('live: a token file rewritten after a refusal is picked up without a restart, with one probe', async () => {
  const server = await emulator({ instances: 5, credentials: { token: 'fresh-token' } });
  const file = join(await mkdtemp(join(tmpdir(), 'gaussdb-top-token-')), 'token');
  writeFileSync(file, 'stale-token\n', { mode: 0o600 });
  const engine = await startLiveEngine(
    server,
    { mode: 'token', token: 'stale-token', file },
    { targets: [targetOf(server)] },
  );
  try {
    const snapshot = () => engine.monitor.store.getSnapshot();
    await engine.until(() => snapshot().status.credentials.length > 0, 10_000, 'the refusal');
    writeFileSync(file, 'fresh-token\n');
    await engine.until(
      () => snapshot().instances.every((view) => view.successes > 0 && view.error === null),
      15_000,
      'every instance answering with the new token',
    );
    assert.equal(server.stats().unauthorized, 2);
    assert.deepEqual(snapshot().status.credentials, []);
  } finally {
    await engine.stop();
  }
});
