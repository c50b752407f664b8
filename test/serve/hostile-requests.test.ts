// The web server of `serve` against requests a client, not a browser, can send: a target the URL
// parser rejects, HEAD probes, connections that never send a request. None may end the poller or take
// the slots real screens need.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { registerSecret } from '../../source/secrets.js';
import { startWebServer, type WebServer } from '../../source/serve/web-server.js';
import { systemTimers } from '../../source/time.js';
import { targetFlags } from '../helpers/emulator-target.js';
import { eventually } from '../helpers/eventually.js';
import { cleanEnv } from '../helpers/run-cli.js';
import { identity, overview, type ServeProcess, startServe, storeFeed } from '../helpers/serve-fixture.js';

/** Sends raw bytes; resolves with what came back once the server closes or `idleMs` pass in silence. */
function raw(port: number, text: string, idleMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    socket.setEncoding('utf8');
    socket.setTimeout(idleMs, () => {
      socket.destroy();
      resolve(answer);
    });
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

describe('serve: a request target the URL parser rejects', () => {
  const apiToken = 'Tok-Hostile-Request-Target-77';
  let emulator: Emulator;
  let serve: ServeProcess | undefined;

  before(async () => {
    emulator = await startEmulator({ instances: 2, credentials: { token: apiToken } });
    serve = await startServe(
      [...targetFlags(emulator), '--listen', '127.0.0.1:0'],
      cleanEnv({ GAUSSDB_TOKEN: apiToken }),
    );
  });
  after(async () => {
    await serve?.stop('SIGKILL');
    await emulator.close();
  });

  test('one unauthenticated `GET http://[` does not end the poller for everyone', async () => {
    const url = new URL(serve?.url ?? '');
    const answer = await raw(Number(url.port), 'GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 4\d\d /, 'a bad request gets a 4xx, not a dropped connection');
    const health = await request(`${serve?.url}/healthz`).then(
      (reply) => reply.statusCode,
      (error: Error) => error.message,
    );
    assert.equal(health, 200, `serve still answers; its stderr:\n${serve?.stderr()}`);
  });
});

describe('serve: HEAD on the stream', () => {
  const { store, feed, clock } = storeFeed([identity(0)]);
  let web: WebServer;

  before(async () => {
    store.recordSuccess(identity(0).key, overview(10), 3);
    store.flush();
    web = await startWebServer({
      feed,
      host: '127.0.0.1',
      port: 0,
      clock,
      timers: systemTimers,
      maxStreamClients: 2,
    });
  });
  after(() => web.close());

  test('HEAD /api/v1/stream answers its headers and takes no stream client slot', async () => {
    // Two probes (a monitoring check, a curl -I) that keep their connections open, as clients may.
    const answers = ['', ''];
    const probes = answers.map((_, index) => {
      const socket = connect(web.port, '127.0.0.1', () =>
        socket.write('HEAD /api/v1/stream HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        answers[index] += chunk;
      });
      socket.on('error', () => undefined);
      return socket;
    });
    try {
      // Both requests have reached the server (answered, or taken in by the stream).
      await eventually(() =>
        answers.every((answer) => answer !== '') || web.stream.size === 2 ? undefined : 'probes pending',
      );
      const answer = await request(`${web.url}/api/v1/stream`);
      const status = answer.statusCode;
      answer.body.destroy();
      assert.equal(status, 200, `a screen attaches beside two HEAD probes (${web.stream.size} slots held)`);
      for (const head of answers) assert.match(head, /^HTTP\/1\.1 200 /, 'a HEAD gets its status line');
    } finally {
      for (const probe of probes) probe.destroy();
    }
  });

  test('HEAD on every route: its status and headers, no body', async () => {
    for (const [path, status] of [
      ['/metrics', 200],
      ['/api/v1/snapshot', 200],
      ['/api/v1/stream', 200],
      ['/healthz', 200],
      ['/nothing', 404],
    ] as const) {
      const answer = await raw(web.port, `HEAD ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.match(answer, new RegExp(`^HTTP/1\\.1 ${status} `), path);
      assert.equal(answer.split('\r\n\r\n')[1], '', `${path}: nothing after the headers`);
    }
    assert.equal(web.stream.size, 0, 'no HEAD became a stream client');
  });
});

describe('serve: connections that never send a request', () => {
  const { feed, clock } = storeFeed([identity(0)]);
  let web: WebServer;
  const idle: Socket[] = [];

  before(async () => {
    web = await startWebServer({
      feed,
      host: '127.0.0.1',
      port: 0,
      token: 'web-token-hostile-idle-5a1e0c',
      clock,
      timers: systemTimers,
      maxConnections: 3,
      headersTimeoutMs: 1000,
    });
  });
  after(async () => {
    for (const socket of idle) socket.destroy();
    await web.close();
  });

  test('every slot taken by silent clients: they are closed and a screen gets in', async () => {
    const closed: boolean[] = [];
    for (let index = 0; index < 3; index++) {
      const socket = connect(web.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.on('close', () => {
        closed[index] = true;
      });
      idle.push(socket);
    }
    await eventually(() =>
      closed.filter(Boolean).length === 3 ? undefined : `closed: [${closed.map(String)}] of 3`,
    );
    const answer = await request(`${web.url}/healthz`, {
      headers: { authorization: 'Bearer web-token-hostile-idle-5a1e0c' },
    });
    await answer.body.dump();
    assert.equal(answer.statusCode, 200);
  });

  test('a client refused for its token is not kept alive to ask again', async () => {
    const answer = await raw(web.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 20_000);
    assert.match(answer, /^HTTP\/1\.1 401 /);
    assert.match(answer, /connection: close/i, 'the server closes the connection itself');
  });
});

describe('serve: a request that fails inside the server', () => {
  const { feed, clock } = storeFeed([identity(0)]);
  let failing = false;
  const logged: string[] = [];
  const secret = 'Tok-Hostile-Inside-Failure-93';
  let web: WebServer;

  before(async () => {
    registerSecret(secret);
    const broken = {
      ...feed,
      getSnapshot: () => {
        if (failing) throw new Error(`snapshot failed (${secret})\n    at somewhere (file.ts:1:1)`);
        return feed.getSnapshot();
      },
    };
    web = await startWebServer({
      feed: broken,
      host: '127.0.0.1',
      port: 0,
      clock,
      timers: systemTimers,
      onError: (message) => logged.push(message),
    });
  });
  after(() => web.close());

  test('answers 500 without the stack or a secret, logs one line, and serves the next request', async () => {
    failing = true;
    const answer = await request(`${web.url}/api/v1/snapshot`);
    const body = await answer.body.text();
    assert.equal(answer.statusCode, 500);
    assert.doesNotMatch(body, /at somewhere|snapshot failed/);
    assert.equal(logged.length, 1);
    assert.match(logged[0] ?? '', /snapshot failed/);
    assert.ok(!logged[0]?.includes(secret) && !logged[0]?.includes('\n'), logged[0]);
    failing = false;
    const next = await request(`${web.url}/api/v1/snapshot`);
    await next.body.dump();
    assert.equal(next.statusCode, 200);
  });
});
