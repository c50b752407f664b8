import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../source/cloud/api-error.js';
import { RequestStats } from '../../source/monitor/request-stats.js';
import { escapeLabelValue, LabelCache, renderExposition } from '../../source/serve/exposition.js';
import { identity, overview, promtool, promtoolProblems, storeFeed } from '../helpers/serve-fixture.js';

const tool = promtool();

describe('the Prometheus exposition', () => {
  test('label values escape backslash, double quote and line feed, and nothing else', () => {
    assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
    assert.equal(escapeLabelValue('订单库 {x=1}'), '订单库 {x=1}');
  });

  test('one sample per answered instance; none for one never asked; up 0 and no counts for one failing', () => {
    const ids = [identity(1), identity(2), identity(3)];
    const { store, feed, clock } = storeFeed(ids);
    store.recordSuccess(ids[0]?.key ?? '', overview(120, 7, 2, 1), 12);
    store.recordSuccess(ids[2]?.key ?? '', overview(5), 12);
    store.recordFailure(
      ids[2]?.key ?? '',
      new ApiError({
        status: 500,
        code: 'DBS.01',
        message: 'down',
        requestId: null,
        retryable: true,
        retryAfterMs: null,
      }),
      12,
    );
    store.flush();
    const text = renderExposition(feed.getSnapshot(), new LabelCache(), undefined, clock.monotonic());
    const lines = (name: string) => text.split('\n').filter((line) => line.startsWith(`${name}{`));
    assert.equal(lines('gaussdb_sessions_total').length, 1);
    assert.match(lines('gaussdb_sessions_total')[0] ?? '', /instance_name="db-1".* 120$/);
    assert.match(lines('gaussdb_sessions_active')[0] ?? '', / 7$/);
    assert.match(lines('gaussdb_sessions_slow_sql')[0] ?? '', / 2$/);
    assert.match(lines('gaussdb_sessions_lock_waiting')[0] ?? '', / 1$/);
    // db-2 never answered: no sample at all, not a zero.
    assert.ok(!text.includes('instance_name="db-2"'));
    assert.deepEqual(
      lines('gaussdb_instance_up').map((line) => line.slice(-1)),
      ['1', '0'],
    );
    // The failing one keeps the time of its last answer.
    assert.equal(lines('gaussdb_instance_last_success_timestamp_seconds').length, 2);
    assert.equal(lines('gaussdb_instance_level').length, 1);
    assert.match(text, /^gaussdb_poller_throttled 0$/m);
    assert.match(text, /^gaussdb_poller_rate_per_second 10$/m);
  });

  test('hostile instance names stay inside their label; endpoint userinfo never appears', () => {
    const hostile = 'evil"} gaussdb_instance_up 1\n# x\\y\u001b[31m';
    const ids = [identity(1, hostile, 'https://alice:S3cretPass@gaussdb.example.com')];
    const { store, feed, clock } = storeFeed(ids);
    store.recordSuccess(ids[0]?.key ?? '', overview(3), 5);
    store.flush();
    const text = renderExposition(feed.getSnapshot(), new LabelCache(), undefined, clock.monotonic());
    assert.ok(!text.includes('S3cretPass') && !text.includes('alice'));
    assert.ok(!text.includes('\u001b'));
    // Every sample line is `name{labels} value`: the name could not open a line of its own.
    for (const line of text.split('\n').filter((line) => line && !line.startsWith('#')))
      assert.match(line, /^[a-z_]+(\{.*\})? [0-9.e+-]+$/, line);
    assert.ok(text.includes('instance_name="evil\\"} gaussdb_instance_up 1\\n# x\\\\y\uFFFD[31m"'));
    if (tool) assert.equal(promtoolProblems(tool, text), '');
  });

  test('request counts by outcome and a cumulative duration histogram', () => {
    const { feed, clock } = storeFeed([identity(1)]);
    const stats = new RequestStats(clock);
    stats.record('ok', 0.02);
    stats.record('ok', 0.3);
    stats.record('throttled', 20);
    const text = renderExposition(feed.getSnapshot(), new LabelCache(), stats, clock.monotonic());
    assert.match(text, /^gaussdb_api_requests_total\{outcome="ok"\} 2$/m);
    assert.match(text, /^gaussdb_api_requests_total\{outcome="throttled"\} 1$/m);
    assert.match(text, /^gaussdb_api_request_duration_seconds_bucket\{le="0.025"\} 1$/m);
    assert.match(text, /^gaussdb_api_request_duration_seconds_bucket\{le="0.5"\} 2$/m);
    assert.match(text, /^gaussdb_api_request_duration_seconds_bucket\{le="10"\} 2$/m);
    assert.match(text, /^gaussdb_api_request_duration_seconds_bucket\{le="\+Inf"\} 3$/m);
    assert.match(text, /^gaussdb_api_request_duration_seconds_count 3$/m);
  });

  test("parsed by Prometheus' own checker (promtool check metrics)", {
    skip: tool ? false : 'needs promtool: Debian package prometheus',
  }, () => {
    const ids = Array.from({ length: 50 }, (_, index) => identity(index, `name "${index}" \\ \n line`));
    const { store, feed, clock } = storeFeed(ids);
    for (const id of ids) store.recordSuccess(id.key, overview(10), 5);
    store.flush();
    const stats = new RequestStats(clock);
    stats.record('error', 1);
    const text = renderExposition(feed.getSnapshot(), new LabelCache(), stats, clock.monotonic());
    assert.equal(promtoolProblems(tool as string, text), '');
  });
});
