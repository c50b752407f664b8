// Defect demonstrations (attack2): `--source prometheus+http://… --once --json`, what alerting scripts
// read, against a Prometheus that answers but holds missing, old or impossible samples. Each test fails
// on the code it was written against.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
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

  test('an --instance Prometheus has no series for is named and fails the run (not an empty success)', async () => {
    answer = [];
    const result = await once('--instance', instanceId);
    assert.notEqual(result.code, 0, `exit ${result.code}, stdout ${result.stdout}`);
    assert.match(`${result.stdout}${result.stderr}`, new RegExp(instanceId));
  });

  test('a last success an hour ago is not reported as a current ok with exit 0', async () => {
    answer = vector(counts('5', '2', '0', '0'), Date.now() / 1000 - 3600);
    const result = await once();
    const document = JSON.parse(result.stdout) as { instances: { level: string }[] };
    assert.equal(document.instances.length, 1);
    assert.ok(
      result.code !== 0 || document.instances[0]?.level !== 'ok',
      `an hour-old answer: exit ${result.code}, level ${document.instances[0]?.level}`,
    );
  });

  test('impossible counts (negative, fractional, 1e30) are a bad answer, as from the API', async () => {
    answer = vector(counts('-5', '2.5', '1e30', '0'), Date.now() / 1000);
    const result = await once();
    const document = JSON.parse(result.stdout) as { instances: Record<string, unknown>[] };
    const row = document.instances[0] ?? {};
    for (const field of ['total_num', 'active_num', 'slow_sql_num'])
      assert.ok(
        row[field] === null || (Number.isSafeInteger(row[field]) && (row[field] as number) >= 0),
        `${field}: ${String(row[field])}`,
      );
  });
});
