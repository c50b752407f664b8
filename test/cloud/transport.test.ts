import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { after, before, test } from 'node:test';
import type { Dispatcher } from 'undici';
import { ApiError } from '../../source/cloud/api-error.js';
import { isLoopbackHost } from '../../source/cloud/endpoints.js';
import { createDispatcher, type Exchange, exchange } from '../../source/cloud/transport.js';

// The transport on its own against a bare HTTP server: the cases the emulator cannot stage.
let server: Server;
let base: string;
/** Tells when the server saw a hanging request's connection close. */
const serverEvents = new EventEmitter();
const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  // "会话" split inside its first character, over three writes.
  '/split-utf8': (_request, response) => {
    const bytes = Buffer.from('{"message":"会话"}');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write(bytes.subarray(0, 13));
    setTimeout(() => response.write(bytes.subarray(13, 15)), 5);
    setTimeout(() => response.end(bytes.subarray(15)), 10);
  },
  '/hang': (request) => {
    request.socket.once('close', () => serverEvents.emit('hang-closed'));
  },
};

before(async () => {
  server = createServer((request, response) => routes[request.url ?? '']?.(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A one-connection dispatcher for one test, destroyed afterwards. */
async function withDispatcher(timeoutMs: number, use: (dispatcher: Dispatcher) => Promise<void>) {
  const dispatcher = createDispatcher({ timeoutMs, connections: 1 });
  try {
    await use(dispatcher);
  } finally {
    await dispatcher.destroy();
  }
}

function call(path: string, overrides: Partial<Exchange> = {}): Exchange {
  return {
    url: new URL(base + path),
    method: 'GET',
    headers: {},
    timeoutMs: 2000,
    maxBytes: 1024,
    ...overrides,
  };
}

test('a body split inside a multi-byte character arrives whole', async () => {
  await withDispatcher(2000, async (dispatcher) => {
    const reply = await exchange(dispatcher, call('/split-utf8'));
    assert.equal(reply.status, 200);
    assert.deepEqual(JSON.parse(reply.text), { message: '会话' });
  });
});

test("the caller's abort settles at once with its own reason and cuts the request off", async () => {
  await withDispatcher(5000, async (dispatcher) => {
    const controller = new AbortController();
    const closed = once(serverEvents, 'hang-closed');
    const pending = exchange(dispatcher, call('/hang', { timeoutMs: 5000, signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('stopped by the caller')), 50);
    await assert.rejects(pending, { message: 'stopped by the caller' });
    await closed;
  });
});

test('a request queued behind a busy connection still ends at its deadline', async () => {
  // One connection, held by a hanging request: the second never starts, yet must not wait forever.
  await withDispatcher(5000, async (dispatcher) => {
    const holder = new AbortController();
    const first = exchange(dispatcher, call('/hang', { timeoutMs: 5000, signal: holder.signal }));
    let firstSettled = false;
    first
      .catch(() => {})
      .finally(() => {
        firstSettled = true;
      });
    const error = await exchange(dispatcher, call('/split-utf8', { timeoutMs: 200 })).catch(
      (caught) => caught,
    );
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, 'TIMEOUT');
    // Its own deadline ended it, not the end of the request holding the connection (no clock needed).
    assert.equal(firstSettled, false, 'ended while the first request still held the connection');
    holder.abort(new Error('done'));
  });
});

test('loopback names and addresses, and only those, count as loopback', () => {
  for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '[::ffff:7f00:1]']) {
    assert.equal(isLoopbackHost(new URL(`http://${host}:1`).hostname), true, host);
  }
  for (const host of [
    '127.0.0.1.evil.example',
    'localhost.evil.example',
    '10.0.0.1',
    '[::2]',
    'example.com',
  ]) {
    assert.equal(isLoopbackHost(new URL(`http://${host}:1`).hostname), false, host);
  }
});

async function listen(listener: TcpServer, host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    listener.once('error', () => resolve(undefined));
    listener.listen(0, host, () => resolve((listener.address() as AddressInfo).port));
  });
}

test('every loopback address is reached directly, whatever HTTP_PROXY says', async () => {
  let proxyConnections = 0;
  const proxy = createTcpServer((socket) => {
    proxyConnections++;
    socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
  });
  const proxyPort = await listen(proxy, '127.0.0.1');
  let served = 0;
  const answer = (_request: IncomingMessage, response: ServerResponse) => {
    served++;
    response.end('{}');
  };
  const second = createServer(answer);
  const secondPort = await listen(second, '127.0.0.2');
  const six = createServer(answer);
  const sixPort = await listen(six, '::1');
  const origins = [base.replace('127.0.0.1', 'localhost'), `http://[::ffff:7f00:1]:${new URL(base).port}`];
  if (secondPort) origins.push(`http://127.0.0.2:${secondPort}`);
  if (sixPort) origins.push(`http://[::1]:${sixPort}`);
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy };
  process.env.HTTP_PROXY = `http://127.0.0.1:${proxyPort}`;
  delete process.env.http_proxy;
  const dispatcher = createDispatcher({ timeoutMs: 2000, connections: 1 });
  try {
    routes['/direct'] = answer;
    for (const origin of origins) {
      const reply = await exchange(dispatcher, { ...call('/direct'), url: new URL(`${origin}/direct`) });
      assert.equal(reply.status, 200, origin);
    }
    assert.equal(served, origins.length, 'every request reached its server');
    assert.equal(proxyConnections, 0, 'the proxy saw none');
  } finally {
    await dispatcher.destroy();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    for (const listener of [second, six, proxy]) listener.close();
  }
});
