// --once and --watch say stale by the screen's rule (twice the planned period plus 3 s): at the
// boundary the counts still stand; one millisecond past it they are not the truth now.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allAnswered, buildReport } from '../../source/output/report.js';
import { identity, overview, storeFeed } from '../helpers/serve-fixture.js';

test('a row is STALE, with no counts and level error, one millisecond past the screen rule', () => {
  const ids = [identity(1), identity(2)];
  const { store, feed, clock } = storeFeed(ids);
  for (const id of ids) store.recordSuccess(id.key, overview(10), 5);
  store.flush();
  const answeredAt = clock.wall();
  // The test store polls every 5 s at 10 requests/s: 2 × 5 s + 3 s.
  const limit = 2 * 5000 + 3000;
  const fresh = buildReport(feed, new Date(answeredAt + limit));
  assert.ok(allAnswered(fresh));
  assert.deepEqual(
    fresh.rows.map((row) => [row.overview?.total, row.level]),
    [
      [10, 'ok'],
      [10, 'ok'],
    ],
  );
  const stale = buildReport(feed, new Date(answeredAt + limit + 1));
  assert.equal(allAnswered(stale), false);
  for (const row of stale.rows) {
    assert.equal(row.overview, null);
    assert.equal(row.level, 'error');
    assert.equal(row.error?.code, 'STALE');
    assert.equal(row.error?.message, `last answer at ${new Date(answeredAt).toISOString()}`);
  }
});
