import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Settings, Target } from '../source/config/settings.js';
import { UsageError } from '../source/config/usage-error.js';
import { openConnection } from '../source/connect.js';
import { type Emulator, startEmulator } from '../source/emulator/server.js';
import type { Language } from '../source/language.js';
import { defaultThresholds } from '../source/monitor/severity.js';

// openConnection is the only place that builds the dispatcher, the credential gate and the clients;
// what it promises is checked against real loopback emulators, counting requests at the server.

const token = 'connect-token';
const emulators: Emulator[] = [];
after(() => Promise.all(emulators.map((emulator) => emulator.close())));

async function emulator(instances: number): Promise<Emulator> {
  const started = await startEmulator({ instances, credentials: { token } });
  emulators.push(started);
  return started;
}

function settingsFor(targets: Target[]): Settings {
  return {
    targets,
    intervalMs: 5000,
    language: 'en-us',
    rate: 1000,
    concurrency: 4,
    timeoutMs: 30_000,
    thresholds: defaultThresholds,
    ascii: false,
  };
}

const discovering = (server: Emulator): Target => ({
  endpoint: server.url,
  projectId: server.projectId,
  instances: [],
  discover: true,
});

test('one client per target, one shared gate, and a job resolver that lists again when called', async () => {
  const [first, second] = [await emulator(2), await emulator(3)] as [Emulator, Emulator];
  let language: Language = 'en-us';
  const connection = openConnection(
    settingsFor([discovering(first), discovering(second)]),
    { mode: 'token', token },
    () => language,
  );
  try {
    assert.deepEqual(
      connection.clients.map((client) => client.endpoint),
      [first.url, second.url],
    );
    assert.equal(connection.gates.length, 1);
    assert.ok(connection.clients.every((client) => client.gate === connection.gates[0]));
    const listed = await connection.jobs();
    assert.equal(listed.jobs.length, 5);
    assert.deepEqual(listed.failures, []);
    await connection.jobs();
    assert.equal(first.stats().listRequests + second.stats().listRequests, 4, 'each call lists every target');
    const job = listed.jobs[0];
    language = 'zh-cn';
    await job?.client.sessionOverview(job.instanceId);
    assert.equal(first.stats().lastLanguage, 'zh-cn', 'the language is read on every request');
  } finally {
    await connection.close();
  }
});

test('credentials that cannot work are refused before any request', async () => {
  const server = await emulator(1);
  assert.throws(
    () =>
      openConnection(
        settingsFor([discovering(server)]),
        { mode: 'password', userName: 'alice', password: 'secret-password', domainName: 'acme' },
        () => 'en-us',
      ),
    (error: unknown) => error instanceof UsageError && /IAM endpoint/.test(error.message),
  );
  const stats = server.stats();
  assert.equal(stats.listRequests + stats.tokenRequests + stats.overviewRequests, 0);
});
