import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { acceptsGzip, loopbackPeer } from '../../source/serve/compressed-reply.js';
import { LabelCache, renderExposition } from '../../source/serve/exposition.js';
import { startWebServer, type WebServer } from '../../source/serve/web-server.js';
import { systemTimers } from '../../source/time.js';
import { identity, overview, storeFeed } from '../helpers/serve-fixture.js';

const asked = (header: string | undefined) =>
  acceptsGzip({ headers: header === undefined ? {} : { 'accept-encoding': header } } as IncomingMessage);

/** An address of this host that is not loopback: a connection to it counts as from another host. */
const outward = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;

describe('/metrics compressed for scrapers that ask', () => {
  const ids = Array.from({ length: 300 }, (_, index) => identity(index, `订单库 ${index} "x"`));
  const { store, feed, clock } = storeFeed(ids);
  let web: WebServer;

  before(async () => {
    for (const [index, id] of ids.entries()) store.recordSuccess(id.key, overview(index), 3);
    store.flush();
    web = await startWebServer({ feed, host: '0.0.0.0', port: 0, clock, timers: systemTimers });
  });
  after(() => web.close());

  test('Accept-Encoding: gzip only when listed with a weight above zero', () => {
    assert.equal(asked(undefined), false);
    assert.equal(asked(''), false);
    // What Prometheus sends.
    assert.equal(asked('gzip'), true);
    assert.equal(asked('deflate, GZIP;q=0.5'), true);
    assert.equal(asked('gzip;q=0'), false);
    assert.equal(asked('gzip; q=0.000'), false);
    assert.equal(asked('*'), true);
    assert.equal(asked('*;q=0'), false);
    assert.equal(asked('identity, deflate, br'), false);
    assert.equal(asked('gzip;q=0, *'), false);
    assert.equal(asked('x-gzip'), false);
    assert.equal(asked('gzip;q=abc'), false);
  });

  test('peers on this host are loopback, others are not', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      assert.equal(loopbackPeer(address), true, address);
    for (const address of [
      undefined,
      '192.0.2.2',
      '::ffff:192.0.2.2',
      'fd00::1',
      '::',
      '128.0.0.1',
      '::ffff:1.2.3.4',
    ])
      assert.equal(loopbackPeer(address), false, address);
  });

  test('a scraper on this host gets the text even when it asks for gzip', async () => {
    const answer = await request(`http://127.0.0.1:${web.port}/metrics`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(answer.headers['content-encoding'], undefined);
    assert.equal(answer.headers.vary, 'accept-encoding');
    const expected = renderExposition(feed.getSnapshot(), new LabelCache(), undefined, clock.monotonic());
    assert.equal(await answer.body.text(), expected);
  });

  test('from another host: gzip when asked, the same text when unpacked, plain otherwise', {
    skip: outward ? false : 'needs a non-loopback IPv4 address on this host',
  }, async () => {
    const url = `http://${outward}:${web.port}`;
    const expected = renderExposition(feed.getSnapshot(), new LabelCache(), undefined, clock.monotonic());
    const plain = await request(`${url}/metrics`);
    const plainBytes = Buffer.from(await plain.body.arrayBuffer());
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.vary, 'accept-encoding');
    assert.equal(Number(plain.headers['content-length']), plainBytes.length);
    assert.equal(plainBytes.toString(), expected);
    const packed = await request(`${url}/metrics`, { headers: { 'accept-encoding': 'gzip' } });
    const packedBytes = Buffer.from(await packed.body.arrayBuffer());
    assert.equal(packed.headers['content-encoding'], 'gzip');
    assert.equal(packed.headers.vary, 'accept-encoding');
    assert.equal(Number(packed.headers['content-length']), packedBytes.length);
    assert.ok(packedBytes.length < plainBytes.length / 4, `${packedBytes.length} of ${plainBytes.length}`);
    assert.equal(gunzipSync(packedBytes).toString(), expected);
    const refused = await request(`${url}/metrics`, { headers: { 'accept-encoding': 'gzip;q=0' } });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(await refused.body.text(), expected);
  });
});
