import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, describe, test } from 'node:test';
import { type RemoteFeedOptions, remoteFeed } from '../../source/feed/remote-feed.js';
import { startWebServer, type WebServer } from '../../source/serve/web-server.js';
import { systemClock, systemTimers, type Timers } from '../../source/time.js';
import { allowed } from '../../source/ui/capabilities.js';
import { eventually } from '../helpers/eventually.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { identity, overview, storeFeed } from '../helpers/serve-fixture.js';

const token = 'remote-feed-token-0d9c5e';

/** Fake timers that also note every delay asked for: the backoff a feed chose. */
function recordingDelays(fake: FakeTimers, delays: number[]): Timers {
  return {
    set: (callback, ms) => {
      delays.push(ms);
      return fake.set(callback, ms);
    },
    clear: (handle) => fake.clear(handle),
  };
}

describe('a screen attached to serve (remote feed)', () => {
  const ids = [identity(1, 'orders'), identity(2, 'evil\u001b]0;pwned\u0007name')];
  const poller = storeFeed(ids);
  let web: WebServer;
  const closers: (() => unknown)[] = [];
  /** A screen's feed on `url`, in English on the real clock unless told otherwise; closed after the tests. */
  const attach = (url: string, options: Partial<RemoteFeedOptions> = {}) => {
    const feed = remoteFeed({
      url,
      token,
      language: 'en-us',
      clock: systemClock,
      timers: systemTimers,
      ...options,
    });
    closers.push(() => feed.close());
    return feed;
  };
  after(async () => {
    for (const close of closers) await close();
  });

  test("draws the poller's instances, then its changes; offers pause and language, not refresh or interval", async () => {
    poller.store.recordSuccess(ids[0]?.key ?? '', overview(40, 4), 3);
    poller.store.flush();
    web = await startWebServer({
      feed: poller.feed,
      host: '127.0.0.1',
      port: 0,
      token,
      clock: poller.clock,
      timers: systemTimers,
    });
    const feed = attach(web.url);
    await feed.ready;
    const first = feed.getSnapshot();
    assert.deepEqual(
      first.instances.map((view) => view.latest?.overview.total ?? null),
      [40, null],
    );
    // Hostile text from the poller is sanitised on arrival.
    assert.ok(!first.instances[1]?.name.includes('\u001b'));
    assert.equal(first.status.source?.reachable, true);
    assert.ok(allowed('togglePause', feed) && allowed('toggleLanguage', feed));
    assert.ok(!allowed('refresh', feed) && !allowed('intervalUp', feed) && !allowed('drill', feed));
    poller.clock.advance(1000);
    poller.store.recordSuccess(ids[1]?.key ?? '', overview(9), 3);
    poller.store.flush();
    await eventually(() =>
      feed.getSnapshot().instances[1]?.latest?.overview.total === 9 ? undefined : 'no change',
    );
    assert.equal(feed.history(feed.getSnapshot().instances[1]?.key ?? '').length, 1);
  });

  test('p pauses this view only: the poller goes on, the screen holds still until p again', async () => {
    const feed = attach(web.url);
    await feed.ready;
    feed.commands.togglePause();
    const held = feed.getSnapshot();
    assert.equal(held.status.paused, true);
    assert.equal(poller.feed.getSnapshot().status.paused, false);
    poller.clock.advance(1000);
    poller.store.recordSuccess(ids[0]?.key ?? '', overview(41), 3);
    poller.store.flush();
    // Let the change arrive; the held snapshot stays the same object.
    const other = attach(web.url);
    await other.ready;
    await eventually(() =>
      other.getSnapshot().instances[0]?.latest?.overview.total === 41 ? undefined : 'not yet',
    );
    assert.equal(feed.getSnapshot(), held);
    feed.commands.togglePause();
    await eventually(() =>
      feed.getSnapshot().instances[0]?.latest?.overview.total === 41 ? undefined : 'not resumed',
    );
  });

  test('a wrong token: the header says the poller refused it; no numbers are drawn', async () => {
    const feed = attach(web.url, { token: 'wrong-token-123456789' });
    await assert.rejects(feed.ready, /refused the token/);
    assert.equal(feed.getSnapshot().status.source?.reachable, false);
    assert.equal(feed.getSnapshot().instances.length, 0);
  });

  test('a refused token: a refusal, not unreachable; no pace made up; asked again ever less often', async () => {
    const asked: number[] = [];
    const refusing = createServer((_request, response) => {
      asked.push(asked.length);
      response.writeHead(asked.length === 1 ? 401 : 403, { 'content-length': 0 });
      response.end();
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => refusing.close(resolve)));
    const clock = new FakeClock();
    const fake = new FakeTimers(clock);
    const delays: number[] = [];
    const timers = recordingDelays(fake, delays);
    const feed = attach(`http://127.0.0.1:${(refusing.address() as { port: number }).port}`, {
      token: 'not-the-token-0123456789',
      clock,
      timers,
    });
    await assert.rejects(feed.ready, /refused the token \(HTTP 401\)/);
    const { status } = feed.getSnapshot();
    assert.deepEqual(status.source?.fault, { kind: 'refused', status: 401 });
    assert.ok(Number.isNaN(status.intervalMs) && Number.isNaN(status.effectiveRate), 'no invented pace');
    assert.deepEqual(delays, [5000]);
    await fake.advance(4999);
    assert.equal(asked.length, 1, 'not asked again before the backoff is over');
    await fake.advance(1);
    await eventually(() => (delays.length === 2 ? undefined : `${asked.length} asked`));
    assert.deepEqual(feed.getSnapshot().status.source?.fault, { kind: 'refused', status: 403 });
    assert.deepEqual(delays, [5000, 15_000]);
    assert.equal(asked.length, 2);
  });

  test('a poller full of screens says busy (503), not unreachable, and is asked again soon', async () => {
    const full = await startWebServer({
      feed: poller.feed,
      host: '127.0.0.1',
      port: 0,
      token,
      clock: poller.clock,
      timers: systemTimers,
      maxStreamClients: 1,
    });
    closers.push(() => full.close());
    const first = attach(full.url);
    await first.ready;
    const delays: number[] = [];
    const fake = new FakeTimers(new FakeClock());
    const second = attach(full.url, { timers: recordingDelays(fake, delays) });
    await assert.rejects(second.ready, /HTTP 503/);
    assert.deepEqual(second.getSnapshot().status.source?.fault, { kind: 'status', status: 503 });
    assert.deepEqual(delays, [500], 'a full poller may have room in a moment');
  });

  test('an address that is not a poller (404) says so and is asked again ever less often', async () => {
    const elsewhere = createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<h1>Not Found</h1>');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => elsewhere.close(resolve)));
    const delays: number[] = [];
    const fake = new FakeTimers(new FakeClock());
    const feed = attach(`http://127.0.0.1:${(elsewhere.address() as { port: number }).port}`, {
      timers: recordingDelays(fake, delays),
      token: undefined,
    });
    await assert.rejects(feed.ready, /HTTP 404/);
    assert.deepEqual(feed.getSnapshot().status.source?.fault, { kind: 'status', status: 404 });
    assert.deepEqual(delays, [5000]);
  });

  test('the poller goes away: rows keep their numbers, the header says unreachable; back when it restarts', async () => {
    const feed = attach(web.url);
    await feed.ready;
    const port = web.port;
    await web.close();
    await eventually(() =>
      feed.getSnapshot().status.source?.reachable === false ? undefined : 'still reachable',
    );
    assert.equal(feed.getSnapshot().instances[0]?.latest?.overview.total, 41);
    web = await startWebServer({
      feed: poller.feed,
      host: '127.0.0.1',
      port,
      token,
      clock: poller.clock,
      timers: systemTimers,
    });
    poller.clock.advance(1000);
    poller.store.recordSuccess(ids[0]?.key ?? '', overview(55), 3);
    poller.store.flush();
    await eventually(() => {
      const snapshot = feed.getSnapshot();
      return snapshot.status.source?.reachable && snapshot.instances[0]?.latest?.overview.total === 55
        ? undefined
        : 'not back';
    });
    closers.push(() => web.close());
  });

  test('garbage from an impostor is never drawn', async () => {
    const impostor = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('event: snapshot\ndata: {"instances": "nope"}\n\n');
      response.write(`event: snapshot\ndata: ${'x'.repeat(1000)}\n\n`);
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise((resolve) => {
          impostor.closeAllConnections();
          impostor.close(resolve);
        }),
    );
    const { port } = impostor.address() as { port: number };
    const feed = attach(`http://127.0.0.1:${port}`, { token: undefined });
    await eventually(() =>
      feed.getSnapshot().status.source?.message === 'malformed data' ? undefined : 'not yet',
    );
    assert.equal(feed.getSnapshot().instances.length, 0);
    // It answers, so the header must not send people to the network.
    assert.deepEqual(feed.getSnapshot().status.source?.fault, { kind: 'bad-data' });
  });
});
