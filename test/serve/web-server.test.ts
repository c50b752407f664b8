import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { startWebServer, type WebServer } from '../../source/serve/web-server.js';
import { systemTimers } from '../../source/time.js';
import { eventually } from '../helpers/eventually.js';
import { identity, overview, storeFeed } from '../helpers/serve-fixture.js';

const token = 'web-token-5f1c2a9e77d04b1e';

/** Sends raw bytes and returns everything the server answered before closing (or the first line). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the web server of serve', () => {
  const ids = Array.from({ length: 3 }, (_, index) =>
    identity(index, `db-${index}`, 'https://bob:PaSsWoRd9@h.example.com'),
  );
  const { store, feed, clock } = storeFeed(ids);
  let web: WebServer;
  const auth = { authorization: `Bearer ${token}` };

  before(async () => {
    for (const id of ids) store.recordSuccess(id.key, overview(10), 3);
    store.flush();
    web = await startWebServer({
      feed,
      host: '127.0.0.1',
      port: 0,
      token,
      clock,
      timers: systemTimers,
      maxStreamClients: 2,
      streamSlackBytes: 64 * 1024,
    });
  });
  after(() => web.close());

  test('every path needs the token: none, a wrong one and one a character short are refused', async () => {
    for (const path of ['/metrics', '/api/v1/snapshot', '/api/v1/stream', '/healthz', '/nothing']) {
      for (const headers of [
        {},
        { authorization: 'Bearer wrong-token-0000000000' },
        { authorization: `Bearer ${token.slice(0, -1)}` },
        { authorization: token },
        { authorization: `Basic ${token}` },
      ]) {
        const answer = await request(`${web.url}${path}`, { headers });
        const body = await answer.body.text();
        assert.equal(answer.statusCode, 401, `${path} ${JSON.stringify(headers)}`);
        assert.equal(answer.headers['www-authenticate'], 'Bearer');
        assert.ok(!body.includes(token));
      }
    }
    const ok = await request(`${web.url}/healthz`, { headers: auth });
    assert.equal(ok.statusCode, 200);
    assert.equal(await ok.body.text(), 'ok\n');
  });

  test('the snapshot is the --once --json document plus what screens need; no userinfo, no token', async () => {
    const answer = await request(`${web.url}/api/v1/snapshot`, { headers: auth });
    const text = await answer.body.text();
    assert.equal(answer.statusCode, 200);
    const document = JSON.parse(text) as {
      instances: Record<string, unknown>[];
      poller: { paused: boolean };
    };
    assert.equal(document.instances.length, 3);
    for (const key of [
      'project_id',
      'instance_id',
      'name',
      'total_num',
      'active_num',
      'slow_sql_num',
      'lock_num',
      'level',
      'error',
    ])
      assert.ok(key in (document.instances[0] ?? {}), key);
    assert.equal(document.instances[0]?.total_num, 10);
    assert.equal(document.poller.paused, false);
    for (const secret of ['PaSsWoRd9', 'bob:', token]) assert.ok(!text.includes(secret), secret);
    const metrics = await (await request(`${web.url}/metrics`, { headers: auth })).body.text();
    for (const secret of ['PaSsWoRd9', 'bob:', token]) assert.ok(!metrics.includes(secret), secret);
  });

  test('GET only, no bodies, short URLs, small headers', async () => {
    const post = await request(`${web.url}/metrics`, { method: 'POST', headers: auth, body: 'x' });
    await post.body.dump();
    assert.equal(post.statusCode, 405);
    const withBody = await raw(
      web.port,
      `GET /metrics HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`,
    );
    assert.match(withBody, /^HTTP\/1.1 413/);
    const long = await request(`${web.url}/metrics?${'a'.repeat(3000)}`, { headers: auth });
    await long.body.dump();
    assert.equal(long.statusCode, 414);
    const huge = await raw(
      web.port,
      `GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    assert.match(huge, /^HTTP\/1.1 431/);
    const missing = await request(`${web.url}/admin`, { headers: auth });
    await missing.body.dump();
    assert.equal(missing.statusCode, 404);
  });

  test('the stream sends a snapshot, then only what changed; a third client is refused', async () => {
    const controller = new AbortController();
    const answer = await request(`${web.url}/api/v1/stream`, { headers: auth, signal: controller.signal });
    assert.equal(answer.headers['content-type'], 'text/event-stream; charset=utf-8');
    let text = '';
    answer.body.setEncoding('utf8');
    answer.body.on('data', (chunk: string) => {
      text += chunk;
    });
    answer.body.on('error', () => undefined);
    await eventually(() => (text.includes('event: snapshot') ? undefined : text));
    clock.advance(1000);
    store.recordSuccess(ids[1]?.key ?? '', overview(77), 3);
    store.flush();
    await eventually(() => (text.includes('event: change') ? undefined : text));
    const change = JSON.parse(/event: change\ndata: (.*)\n/.exec(text)?.[1] ?? '{}') as {
      instances: { name: string; total_num: number }[];
    };
    assert.deepEqual(
      change.instances.map((row) => [row.name, row.total_num]),
      [['db-1', 77]],
    );
    const second = await request(`${web.url}/api/v1/stream`, { headers: auth });
    const third = await request(`${web.url}/api/v1/stream`, { headers: auth });
    assert.equal(third.statusCode, 503);
    await third.body.dump();
    second.body.destroy();
    controller.abort();
    await eventually(() => (web.stream.size === 0 ? undefined : `${web.stream.size} clients`));
  });

  test('a client that does not read is dropped once its unsent bytes pass the bound', async () => {
    const socket = connect(web.port, '127.0.0.1');
    socket.write(`GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    // It never reads: the kernel's buffers fill, then the server's, then it is dropped.
    socket.pause();
    await eventually(() => (web.stream.size === 1 ? undefined : 'not attached'));
    const droppedBefore = web.stream.dropped;
    let round = 0;
    await eventually(() => {
      for (let burst = 0; burst < 50; burst++) {
        clock.advance(10);
        for (const id of ids) store.recordSuccess(id.key, overview(++round % 1000, round % 7), 3);
        store.flush();
      }
      return web.stream.dropped > droppedBefore ? undefined : `still attached after ${round} changes`;
    });
    assert.equal(web.stream.size, 0);
    socket.destroy();
  });
});
