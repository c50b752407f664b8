// The README bounds a stream client at "1 MB (plus one snapshot)" behind. Every attached screen asks
// for `?history=1`; its snapshot, with the histories, is the big one. A screen still reading that first
// snapshot when the next change comes must not be dropped (on a large fleet over a slow link it would
// be dropped, reconnect and be dropped again, for ever); one further behind than the bound must be.
// Counted in bytes: names in Chinese take three bytes a character.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import { EventStream } from '../../source/serve/event-stream.js';
import { noTimers } from '../../source/time.js';
import { identity, overview, storeFeed } from '../helpers/serve-fixture.js';

/** A client that reads nothing: every byte written stays unsent. */
function unreadResponse() {
  let unsent = 0;
  let destroyed = false;
  const response = {
    writeHead: () => response,
    write(text: string) {
      unsent += Buffer.byteLength(text);
      return false;
    },
    on: () => response,
    end: () => undefined,
    destroy() {
      destroyed = true;
    },
    get destroyed() {
      return destroyed;
    },
    get writableLength() {
      return unsent;
    },
  };
  return { response: response as unknown as ServerResponse, unsent: () => unsent };
}

for (const history of [false, true]) {
  test(`${history ? '?history=1' : 'plain'}: a client one snapshot and one change behind is kept`, () => {
    const ids = Array.from({ length: 20 }, (_, index) => identity(index, `订单库-${index}`));
    const { store, feed, clock } = storeFeed(ids);
    // Some history for each instance, so a history snapshot is several times the slack below.
    for (let poll = 0; poll < 30; poll++) {
      for (const id of ids) store.recordSuccess(id.key, overview(100 + poll), 3);
      store.flush();
      clock.advance(1000);
    }
    const slackBytes = 4096;
    const stream = new EventStream(feed, {
      clock,
      timers: noTimers,
      maxClients: 10,
      slackBytes,
      heartbeatMs: 15_000,
    });
    const client = unreadResponse();
    assert.equal(stream.attach(client.response, history), true);
    const snapshotBytes = client.unsent();
    assert.ok(snapshotBytes > 2 * slackBytes, `snapshot of ${snapshotBytes} bytes`);
    // One change: the client is now its snapshot plus one small event behind, well within the bound.
    store.recordSuccess(ids[0]?.key ?? '', overview(999), 3);
    store.flush();
    assert.ok(client.unsent() - snapshotBytes < slackBytes, 'the change is small');
    assert.equal(stream.dropped, 0, `dropped while within its bound of ${snapshotBytes + slackBytes} bytes`);
    // Changes until it is past the bound: the next one drops it, and nothing more is written to it.
    for (let poll = 0; client.unsent() <= snapshotBytes + slackBytes; poll++) {
      clock.advance(1000);
      store.recordSuccess(ids[poll % ids.length]?.key ?? '', overview(poll), 3);
      store.flush();
    }
    assert.equal(stream.dropped, 0, 'not yet: the bound is checked before each write');
    const behind = client.unsent();
    clock.advance(1000);
    store.recordSuccess(ids[0]?.key ?? '', overview(7), 3);
    store.flush();
    assert.equal(stream.dropped, 1, `${behind} bytes behind, bound ${snapshotBytes + slackBytes}`);
    assert.equal(client.unsent(), behind);
    assert.equal(stream.size, 0);
    stream.close();
  });
}
