import assert from 'node:assert/strict';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { startEmulator } from '../../source/emulator/server.js';
import { selfSignedCertificate } from '../helpers/certificate.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';
import { findTinyproxy, startRelay, startTinyproxy } from '../helpers/tinyproxy.js';

const token = 'proxied-secret-token-7f3a9c41';
// Not loopback, so it goes through the proxy; the relay behind tinyproxy connects it to the emulator.
const hostname = 'gaussdb.example.test';

test('HTTPS_PROXY: a real proxy tunnels the request with CONNECT and never sees the token', async (t) => {
  const binary = findTinyproxy();
  if (!binary) {
    t.skip('needs tinyproxy (apt-get install tinyproxy)');
    return;
  }
  const certificate = selfSignedCertificate(hostname);
  const emulator = await startEmulator({ instances: 2, credentials: { token }, tls: certificate });
  const relay = await startRelay(emulator.port);
  const proxy = await startTinyproxy(binary, relay.port);
  try {
    const result = await runCli(
      [
        '--endpoint',
        `https://${hostname}`,
        '--project-id',
        emulator.projectId,
        '--discover',
        '--once',
        '--json',
      ],
      cleanEnv({ GAUSSDB_TOKEN: token, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: certificate.certPath }),
    );
    await proxy.stop();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).instances.length, 2);
    assert.ok(emulator.stats().overviewRequests >= 2, 'the server behind the proxy answered');

    const log = proxy.log();
    assert.match(log, new RegExp(`CONNECT ${hostname.replaceAll('.', '\\.')}:443`), 'tinyproxy tunnelled');
    assert.ok(relay.connects.length > 0 && relay.connects.every((line) => line.startsWith('CONNECT ')));
    assert.ok(
      relay.firstBytes.length > 0 && relay.firstBytes.every((byte) => byte === 0x16),
      'every tunnel opens with a TLS handshake',
    );
    for (const [where, text] of [
      ["tinyproxy's log", log],
      ['the bytes tinyproxy relayed', relay.relayed().toString('latin1')],
      ['stdout', result.stdout],
      ['stderr', result.stderr],
    ]) {
      assert.ok(!text?.includes(token), `the token is not in ${where}`);
    }
  } finally {
    await proxy.stop();
    await relay.close();
    await emulator.close();
  }
});

/** A stand-in proxy that counts connections and keeps what it was sent, then refuses. */
async function countingProxy() {
  const received: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', (chunk: Buffer) => {
      received.push(chunk);
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => received.length,
    received: () => Buffer.concat(received).toString('latin1'),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test('HTTP_PROXY and HTTPS_PROXY never carry a loopback endpoint: token and IAM password go direct', async () => {
  const user = { name: 'operator', password: 'iam-password-5d1e0b', domain: 'acme' };
  const emulator = await startEmulator({ instances: 2, credentials: { token, user } });
  const proxy = await countingProxy();
  const proxyEnv = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, http_proxy: proxy.url };
  const port = emulator.port;
  try {
    const runs: { endpoint: string; iam?: string; env: Record<string, string> }[] = [
      {
        endpoint: `http://127.0.0.1:${port}`,
        env: { GAUSSDB_TOKEN: token },
      },
      {
        endpoint: `http://localhost:${port}`,
        env: { GAUSSDB_TOKEN: token },
      },
      {
        endpoint: `http://127.0.0.1:${port}`,
        iam: `http://127.0.0.1:${port}`,
        env: { HW_USER_NAME: user.name, HW_USER_PASSWORD: user.password, HW_DOMAIN_NAME: user.domain },
      },
    ];
    for (const run of runs) {
      emulator.resetStats();
      const args = ['--endpoint', run.endpoint, '--project-id', emulator.projectId, '--discover', '--once'];
      if (run.iam) args.push('--iam-endpoint', run.iam);
      const result = await runCli([...args, '--json'], cleanEnv({ ...run.env, ...proxyEnv }));
      assert.equal(result.code, 0, `${run.endpoint}: ${result.stderr}`);
      assert.ok(emulator.stats().overviewRequests >= 2, `${run.endpoint}: the server answered directly`);
      if (run.iam) assert.equal(emulator.stats().tokenRequests, 1, 'one IAM login, direct');
    }
    assert.equal(proxy.connections(), 0, `the proxy saw nothing: ${proxy.received()}`);

    // The control: the same environment does send an endpoint that is not loopback to the proxy.
    const remote = await runCli(
      [
        '--endpoint',
        'https://gaussdb.example.test',
        '--project-id',
        emulator.projectId,
        '--discover',
        '--once',
      ],
      cleanEnv({ GAUSSDB_TOKEN: token, ...proxyEnv }),
    );
    assert.equal(remote.code, 1);
    assert.ok(proxy.connections() >= 1, 'the environment is honoured for other hosts');
    assert.match(proxy.received(), /^CONNECT gaussdb\.example\.test:443 /);
    assert.ok(!proxy.received().includes(token), 'a CONNECT carries no credentials');
  } finally {
    await proxy.close();
    await emulator.close();
  }
});
