// `--source prometheus+http://… --once --json`, what alerting scripts read, against a Prometheus that
// answers but holds missing, old or impossible samples: each is an error row and exit 1, never a
// healthy-looking document.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Matrix } from '../../source/feed/prometheus-query.js';
import { historySamples } from '../../source/feed/prometheus-rows.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

const projectId = '0611f1bd8b00d5d32f17c017f15b599f';
const instanceId = `${'a'.repeat(32)}in14`;

type Values = Record<string, string>;

/** The seven series `serve` exports for one instance, as Prometheus' instant query returns them. */
function vector(values: Values, lastSuccessSeconds: number) {
  const now = Date.now() / 1000;
  const labels = {
    project_id: projectId,
    instance_id: instanceId,
    endpoint: 'https://x',
    instance_name: 'odd-01',
  };
  const all: Values = { ...values, gaussdb_instance_up: '1' };
  all.gaussdb_instance_last_success_timestamp_seconds = String(lastSuccessSeconds);
  return Object.entries(all).map(([name, value]) => ({
    metric: { __name__: name, ...labels },
    value: [now, value],
  }));
}

const counts = (total: string, active: string, slow: string, lock: string): Values => ({
  gaussdb_sessions_total: total,
  gaussdb_sessions_active: active,
  gaussdb_sessions_slow_sql: slow,
  gaussdb_sessions_lock_waiting: lock,
});

describe('--source prometheus --once --json against answers that are not the truth now', () => {
  let answer: unknown[] = [];
  let server: Server;
  let url = '';

  before(async () => {
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: answer } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `prometheus+http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  const once = (...extra: string[]) => runCli(['--source', url, '--once', '--json', ...extra], cleanEnv());

  type Row = Record<string, unknown> & { level: string; error: { code: string; message: string } | null };
  const rows = (stdout: string) => (JSON.parse(stdout) as { instances: Row[] }).instances;

  test('an --instance Prometheus has no series for is an error row naming it, exit 1 (not an empty success)', async () => {
    answer = [];
    const result = await once('--instance', instanceId);
    assert.equal(result.code, 1, `exit ${result.code}, stdout ${result.stdout}`);
    const [row, ...others] = rows(result.stdout);
    assert.equal(others.length, 0);
    assert.equal(row?.instance_id, instanceId);
    assert.equal(row?.level, 'error');
    assert.equal(row?.error?.code, 'NO_SERIES');
  });

  test('an --instance that has series is no longer reported missing', async () => {
    answer = vector(counts('5', '2', '0', '0'), Date.now() / 1000);
    const result = await once('--instance', instanceId);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      rows(result.stdout).map((row) => [row.instance_id, row.total_num, row.error]),
      [[instanceId, 5, null]],
    );
  });

  test('a last success an hour ago is stale: no counts, an error row, exit 1', async () => {
    answer = vector(counts('5', '2', '0', '0'), Date.now() / 1000 - 3600);
    const result = await once();
    assert.equal(result.code, 1, `an hour-old answer: exit ${result.code}`);
    const [row] = rows(result.stdout);
    assert.equal(row?.level, 'error');
    assert.equal(row?.error?.code, 'STALE');
    assert.equal(row?.total_num, null);
  });

  for (const [total, active, slow] of [
    ['-5', '2', '0'],
    ['5', '2.5', '0'],
    ['5', '2', '1e30'],
  ] as const)
    test(`an impossible count (${total}, ${active}, ${slow}) is a bad answer, as from the API`, async () => {
      answer = vector(counts(total, active, slow, '0'), Date.now() / 1000);
      const result = await once();
      assert.equal(result.code, 1, result.stdout);
      const [row] = rows(result.stdout);
      assert.equal(row?.error?.code, 'BAD_RESPONSE');
      assert.equal(row?.level, 'error');
      for (const field of ['total_num', 'active_num', 'slow_sql_num', 'lock_num'])
        assert.equal(row?.[field], null, field);
    });
});

test('history from a range query: a time a series is missing at is a gap, not a zero', () => {
  const labels = (name: string) => ({ __name__: name, instance_id: instanceId });
  const full = (name: string): Matrix[number] => ({
    metric: labels(name),
    values: [
      [100, '7'],
      [110, '8'],
      [120, '9'],
    ],
  });
  const matrix: Matrix = [
    full('gaussdb_sessions_total'),
    full('gaussdb_sessions_active'),
    full('gaussdb_sessions_slow_sql'),
    // The lock gauge lost its scrape at 110 and sent nonsense at 120.
    {
      metric: labels('gaussdb_sessions_lock_waiting'),
      values: [
        [100, '1'],
        [120, '-1'],
      ],
    },
  ];
  const samples = historySamples(matrix, 1_000_000, 200_000);
  assert.deepEqual(
    samples.map((sample) => [sample.wallAt, sample.overview]),
    [[100_000, { total: 7, active: 7, slowSql: 7, lock: 1 }]],
  );
});
