import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { acceptsGzip } from '../../source/serve/compressed-reply.js';
import { LabelCache, renderExposition } from '../../source/serve/exposition.js';
import { startWebServer, type WebServer } from '../../source/serve/web-server.js';
import { systemTimers } from '../../source/time.js';
import { identity, overview, storeFeed } from '../helpers/serve-fixture.js';

const asked = (header: string | undefined) =>
  acceptsGzip({ headers: header === undefined ? {} : { 'accept-encoding': header } } as IncomingMessage);

describe('/metrics compressed for scrapers that ask', () => {
  const ids = Array.from({ length: 300 }, (_, index) => identity(index, `订单库 ${index} "x"`));
  const { store, feed, clock } = storeFeed(ids);
  let web: WebServer;

  before(async () => {
    for (const [index, id] of ids.entries()) store.recordSuccess(id.key, overview(index), 3);
    store.flush();
    web = await startWebServer({ feed, host: '127.0.0.1', port: 0, clock, timers: systemTimers });
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

  test('gzip when asked, the same text when unpacked, plain otherwise; both say they vary', async () => {
    const expected = renderExposition(feed.getSnapshot(), new LabelCache(), undefined, clock.monotonic());
    const plain = await request(`${web.url}/metrics`);
    const plainBytes = Buffer.from(await plain.body.arrayBuffer());
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.vary, 'accept-encoding');
    assert.equal(Number(plain.headers['content-length']), plainBytes.length);
    assert.equal(plainBytes.toString(), expected);
    const packed = await request(`${web.url}/metrics`, { headers: { 'accept-encoding': 'gzip' } });
    const packedBytes = Buffer.from(await packed.body.arrayBuffer());
    assert.equal(packed.headers['content-encoding'], 'gzip');
    assert.equal(packed.headers.vary, 'accept-encoding');
    assert.equal(Number(packed.headers['content-length']), packedBytes.length);
    assert.ok(packedBytes.length < plainBytes.length / 4, `${packedBytes.length} of ${plainBytes.length}`);
    assert.equal(gunzipSync(packedBytes).toString(), expected);
    const refused = await request(`${web.url}/metrics`, { headers: { 'accept-encoding': 'gzip;q=0' } });
    assert.equal(refused.headers['content-encoding'], undefined);
    assert.equal(await refused.body.text(), expected);
  });
});
