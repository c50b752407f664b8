import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../../source/cloud/api-error.js';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { selfSignedCertificate } from '../helpers/certificate.js';
import { type ConnectedClientOptions, connectedClient } from '../helpers/client.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

const token = 'tls-token';

function client(endpoint: string, projectId: string, lookup?: ConnectedClientOptions['lookup']) {
  return connectedClient(endpoint, projectId, { token, timeoutMs: 2000, lookup });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    return error;
  }
  assert.fail('expected a failure');
}

test('a DNS failure is a network error naming the host', async () => {
  const failingLookup = ((_host: string, _options: unknown, callback: (error: Error) => void) =>
    callback(
      Object.assign(new Error('getaddrinfo ENOTFOUND gaussdb.example.invalid'), { code: 'ENOTFOUND' }),
    )) as never;
  const { client: subject, close } = client('https://gaussdb.example.invalid', 'p'.repeat(32), failingLookup);
  try {
    const error = await failure(subject.sessionOverview('i'.repeat(36)));
    assert.equal(error.code, 'NETWORK');
    assert.match(error.message, /cannot resolve gaussdb\.example\.invalid/);
    assert.equal(error.retryable, true);
  } finally {
    await close();
  }
});

describe('TLS', () => {
  let emulator: Emulator;
  let plain: Emulator;
  let certPath: string;
  before(async () => {
    const certificate = selfSignedCertificate();
    certPath = certificate.certPath;
    emulator = await startEmulator({ instances: 2, credentials: { token }, tls: certificate });
    plain = await startEmulator({ instances: 1, credentials: { token } });
  });
  after(async () => {
    await emulator.close();
    await plain.close();
  });

  test('an untrusted certificate is a clear TLS error, never a silent fallback', async () => {
    const { client: subject, close } = client(emulator.url, emulator.projectId);
    try {
      const error = await failure(subject.sessionOverview(emulator.instances[0]?.id ?? ''));
      assert.equal(error.code, 'TLS');
      assert.match(error.message, /TLS failure with 127\.0\.0\.1:\d+ \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
      assert.equal(emulator.stats().overviewRequests, 0, 'the token never reached the server');
    } finally {
      await close();
    }
  });

  test('a handshake with something that does not speak TLS fails as TLS', async () => {
    const { client: subject, close } = client(plain.url.replace('http:', 'https:'), plain.projectId);
    try {
      const error = await failure(subject.sessionOverview(plain.instances[0]?.id ?? ''));
      assert.equal(error.code, 'TLS');
    } finally {
      await close();
    }
  });

  test('NODE_EXTRA_CA_CERTS makes a private CA trusted', async () => {
    const target = [...targetFlags(emulator), '--once', '--json'];
    const refused = await runCli(target, cleanEnv({ GAUSSDB_TOKEN: token }));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /TLS failure/);
    const trusted = await runCli(target, cleanEnv({ GAUSSDB_TOKEN: token, NODE_EXTRA_CA_CERTS: certPath }));
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.equal(JSON.parse(trusted.stdout).instances.length, 2);
  });
});

test('escape sequences in names and server messages never reach the terminal', async () => {
  const emulator = await startEmulator({ instances: 2, credentials: { token } });
  try {
    const [first, second] = emulator.instances;
    emulator.rename(first?.id ?? '', 'evil\u001B]2;pwned\u0007\u001B[2J\u009B31m');
    emulator.setFault(second?.id ?? '', {
      kind: 'body',
      status: 500,
      text: JSON.stringify({
        error_code: 'DBS.\u001B[5m',
        error_msg: 'boom\u001B]0;owned\u0007\r\nFAKE LINE',
      }),
    });
    const result = await runCli([...targetFlags(emulator), '--once'], cleanEnv({ GAUSSDB_TOKEN: token }));
    assert.equal(result.code, 1);
    const controls = [...result.stdout].filter(
      (character) => /\p{Cc}/u.test(character) && character !== '\n',
    );
    assert.deepEqual(controls, [], 'no control character but newlines');
    assert.match(result.stdout, /evil�\]2;pwned��\[2J�31m/);
    assert.equal(result.stdout.trimEnd().split('\n').length, 3, 'no forged lines');
  } finally {
    await emulator.close();
  }
});
