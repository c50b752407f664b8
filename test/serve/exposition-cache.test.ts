import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../source/cloud/api-error.js';
import type { Feed, MonitorSnapshot } from '../../source/feed/feed.js';
import { RequestStats } from '../../source/monitor/request-stats.js';
import { LabelCache, renderExposition } from '../../source/serve/exposition.js';
import { ExpositionCache, keepWarmMs } from '../../source/serve/exposition-cache.js';
import { identity, overview, promtool, promtoolProblems, storeFeed } from '../helpers/serve-fixture.js';

const tool = promtool();

const failure = new ApiError({
  status: 500,
  code: 'DBS.01',
  message: 'down',
  requestId: null,
  retryable: true,
  retryAfterMs: null,
});

/** The store's feed, except that a test can publish a snapshot of its own (a rename: the store keeps names). */
function handFeed(ids: ReturnType<typeof identity>[]) {
  const fixture = storeFeed(ids);
  let own: MonitorSnapshot | undefined;
  const listeners = new Set<() => void>();
  fixture.feed.subscribe(() => {
    own = undefined;
    for (const listener of listeners) listener();
  });
  const feed: Feed = {
    ...fixture.feed,
    getSnapshot: () => own ?? fixture.feed.getSnapshot(),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const publish = (snapshot: MonitorSnapshot) => {
    own = snapshot;
    for (const listener of listeners) listener();
  };
  return { ...fixture, feed, publish };
}

// Multi-byte names (Chinese, an emoji, a combining mark) and hostile ones: the cache finds each
// family's lines by byte offsets, which these would throw off if they were counted in characters.
const names = ['订单库-主', 'db "quoted" \\ back', 'line\nbreak', '😀 emoji', 'e\u0301clair', 'plain'];

describe("serve's exposition cache", () => {
  test('after answers, errors, additions, removals and renames, a scrape equals a from-scratch render', () => {
    const ids = names.map((name, index) => identity(index, name));
    const { store, feed, clock, publish } = handFeed(ids);
    const stats = new RequestStats(clock);
    const cache = new ExpositionCache(feed, clock);
    const same = (step: string) => {
      const snapshot = feed.getSnapshot();
      const served = cache.render(snapshot, stats, clock.monotonic()).toString('utf8');
      const scratch = renderExposition(snapshot, new LabelCache(), stats, clock.monotonic());
      assert.equal(served, scratch, step);
      if (tool) assert.equal(promtoolProblems(tool, served), '', step);
      return served;
    };
    same('nobody answered yet');
    const [first, second, third] = ids.map((id) => id.key);
    store.recordSuccess(first ?? '', overview(120, 7, 2, 1), 12);
    store.recordSuccess(second ?? '', overview(5), 12);
    store.flush();
    same('two answered');
    for (const [index, id] of ids.entries()) store.recordSuccess(id.key, overview(index * 100, 90, 3, 4), 9);
    store.recordFailure(second ?? '', failure, 30);
    store.flush();
    same('all answered, one failing, levels warn and crit');
    clock.advance(5000);
    store.recordSuccess(second ?? '', overview(1), 5);
    store.recordSuccess(third ?? '', overview(2), 5);
    // Answered but not yet published: the scrape serves what the feed shows, as from scratch.
    same('answers pending publication');
    store.flush();
    same('published');
    store.setInstances([identity(40, '新实例 new'), ...ids.slice(2), identity(41)]);
    store.recordSuccess(identity(40).key, overview(44), 3);
    store.flush();
    const afterRediscovery = same('two removed, two added');
    assert.ok(!afterRediscovery.includes(names[0] as string));
    assert.equal(cache.size, ids.length);
    const snapshot = feed.getSnapshot();
    publish({
      ...snapshot,
      instances: snapshot.instances.map((view) =>
        view.key === third ? { ...view, name: '改名 renamed' } : view,
      ),
    });
    const renamed = same('renamed');
    const renamedLines = renamed.split('\n').filter((line) => line.includes('instance_name="改名 renamed"'));
    assert.equal(renamedLines.length, 7, 'every family of the renamed instance carries the new name');
    assert.ok(!renamed.includes('instance_name="line\\nbreak"'));
  });

  test('an instance that never answered has no sample; a failing one has up 0 and no counts', () => {
    const ids = [identity(1), identity(2)];
    const { store, feed, clock } = storeFeed(ids);
    const cache = new ExpositionCache(feed, clock);
    store.recordFailure(ids[1]?.key ?? '', failure, 30);
    store.flush();
    const text = cache.render(feed.getSnapshot(), undefined, clock.monotonic()).toString();
    assert.ok(!text.includes('instance_name="db-1"'));
    const samples = text.split('\n').filter((line) => line.includes('instance_name="db-2"'));
    assert.deepEqual(samples, [samples.find((line) => line.startsWith('gaussdb_instance_up{'))]);
    assert.match(samples[0] ?? '', / 0$/);
  });

  test('while scraped, publications rebuild the changed lines and the scrape copies them', () => {
    const ids = Array.from({ length: 20 }, (_, index) => identity(index));
    const { store, feed, clock } = storeFeed(ids);
    const cache = new ExpositionCache(feed, clock);
    for (const id of ids) store.recordSuccess(id.key, overview(1), 3);
    store.flush();
    // Nobody has scraped: publications build nothing.
    assert.equal(cache.built, 0);
    cache.render(feed.getSnapshot(), undefined, clock.monotonic());
    assert.equal(cache.built, 20);
    store.recordSuccess(ids[3]?.key ?? '', overview(2), 3);
    store.recordSuccess(ids[7]?.key ?? '', overview(3), 3);
    store.flush();
    assert.equal(cache.built, 22, 'the publication rebuilt exactly the two that changed');
    const text = cache.render(feed.getSnapshot(), undefined, clock.monotonic()).toString();
    assert.equal(cache.built, 22, 'the scrape rebuilt nothing');
    assert.match(text, /^gaussdb_sessions_total\{[^}]*instance_name="db-7"[^}]*\} 3$/m);
  });

  test('a scraper that went away leaves nothing kept, and publications build nothing', () => {
    const ids = Array.from({ length: 5 }, (_, index) => identity(index));
    const { store, feed, clock } = storeFeed(ids);
    const cache = new ExpositionCache(feed, clock);
    for (const id of ids) store.recordSuccess(id.key, overview(1), 3);
    store.flush();
    cache.render(feed.getSnapshot(), undefined, clock.monotonic());
    clock.advance(keepWarmMs - 1);
    store.recordSuccess(ids[0]?.key ?? '', overview(2), 3);
    store.flush();
    assert.equal(cache.built, 6);
    clock.advance(2);
    store.recordSuccess(ids[0]?.key ?? '', overview(3), 3);
    store.flush();
    assert.equal(cache.size, 0);
    store.recordSuccess(ids[1]?.key ?? '', overview(3), 3);
    store.flush();
    assert.equal(cache.built, 6);
    // The next scrape builds everything again, and is right.
    const text = cache.render(feed.getSnapshot(), undefined, clock.monotonic()).toString();
    assert.equal(text, renderExposition(feed.getSnapshot(), new LabelCache(), undefined, clock.monotonic()));
  });
});
