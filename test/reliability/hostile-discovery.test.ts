import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import stringWidth from 'string-width';
import { ApiError } from '../../source/cloud/api-error.js';
import type { GaussDbClient } from '../../source/cloud/client.js';
import { connectedClient } from '../helpers/client.js';
import {
  type Answer,
  type HostileServer,
  instanceId,
  projectId,
  sendJson,
  startHostileServer,
} from '../helpers/hostile-server.js';
import { unsafeText } from '../helpers/hostile-text.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

const listPath = /\/instances$/;

/** Pages without end: every page full, and no total to stop at. */
const endless: Answer = (request, response) => {
  if (!listPath.test(request.path))
    return sendJson(response, 200, { total_num: '1', active_num: '0', slow_sql_num: '0', lock_num: '0' });
  const offset = Number(request.query.get('offset'));
  const limit = Number(request.query.get('limit'));
  const instances = Array.from({ length: limit }, (_, index) => ({
    id: instanceId(offset + index),
    name: `db-${offset + index}`,
  }));
  sendJson(response, 200, { instances });
};

let answer: Answer = endless;
let server: HostileServer;
const connections: (() => Promise<void>)[] = [];

function client(maxInstances?: number): GaussDbClient {
  const connected = connectedClient(server.url, projectId, { timeoutMs: 5000, maxInstances });
  connections.push(connected.close);
  return connected.client;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the listing to fail');
}

/** One page holding these entries, whatever was asked for. */
function onePage(instances: unknown[]): Answer {
  return (_request, response) => sendJson(response, 200, { instances, total_count: instances.length });
}

describe('discovery against a hostile or broken server', () => {
  before(async () => {
    server = await startHostileServer((request, response) => answer(request, response));
  });
  after(async () => {
    await Promise.all(connections.map((close) => close()));
    await server.close();
  });
  afterEach(() => {
    answer = endless;
    server.requests.length = 0;
  });

  test('endless pages stop at the bound with TOO_MANY_INSTANCES, naming the bound and the flag', async () => {
    const error = await failure(client(250).listInstances());
    assert.equal(error.code, 'TOO_MANY_INSTANCES');
    assert.match(error.message, /250/);
    assert.match(error.message, /--max-instances/);
    assert.equal(error.retryable, false);
    assert.ok(server.count(listPath) <= 3, `read ${server.count(listPath)} pages for 250 instances`);
  });

  test('the default bound is 10,000 instances', async () => {
    const error = await failure(client().listInstances());
    assert.equal(error.code, 'TOO_MANY_INSTANCES');
    assert.match(error.message, /10000|10,000/);
    assert.ok(server.count(listPath) <= 101, `read ${server.count(listPath)} pages`);
  });

  test('a total past the bound fails at the first page', async () => {
    answer = (_request, response) =>
      sendJson(response, 200, { instances: [{ id: instanceId(0) }], total_count: 1_000_000_000 });
    const error = await failure(client().listInstances());
    assert.equal(error.code, 'TOO_MANY_INSTANCES');
    assert.equal(server.count(listPath), 1);
  });

  test('exactly the bound is fine', async () => {
    answer = (request, response) => {
      const offset = Number(request.query.get('offset'));
      const instances = Array.from({ length: Math.min(100, 200 - offset) }, (_, index) => ({
        id: instanceId(offset + index),
      }));
      sendJson(response, 200, { instances, total_count: 200 });
    };
    assert.equal((await client(200).listInstances()).length, 200);
  });

  test('a page of 130,000 entries is a bad response, not a stack overflow', async () => {
    answer = onePage(Array.from({ length: 130_000 }, (_, index) => ({ id: instanceId(index) })));
    const error = await failure(client().listInstances());
    assert.equal(error.code, 'BAD_RESPONSE');
    assert.equal(error.field, 'instances');
    assert.match(error.message, /130000 entries.*limit of 100/);
    assert.equal(server.count(listPath), 1);
  });

  for (const [what, id] of [
    ['an OSC 8 hyperlink', `\u001B]8;;https://evil.example/\u0007${instanceId(1).slice(0, 30)}`],
    ['a path', '../../../../../../etc/passwd/000000in14'],
    ['a number', 42],
    ['an empty id', ''],
  ] as const) {
    test(`an id that is ${what} is a bad response naming the field`, async () => {
      answer = onePage([
        { id: instanceId(0), name: 'fine' },
        { id, name: 'bad' },
      ]);
      const error = await failure(client().listInstances());
      assert.equal(error.code, 'BAD_RESPONSE');
      assert.equal(error.field, 'instances[1].id');
      assert.doesNotMatch(error.message, unsafeText);
    });
  }

  test('names: control characters replaced, cut at 128 cells; statuses kept clean', async () => {
    const hostile = '\u001B[31mred\u001B[8mhidden\u009B2J\u0085\u202Eevil\u200B\u061C\uFEFF';
    answer = onePage([
      { id: instanceId(0), name: hostile, status: '\u001B[5mBLINK' },
      { id: instanceId(1), name: 'x'.repeat(300) },
      { id: instanceId(2), name: '库'.repeat(100) },
      { id: instanceId(3) },
    ]);
    const [first, long, wide, unnamed] = await client().listInstances();
    assert.doesNotMatch(first?.name ?? '', unsafeText);
    assert.match(first?.name ?? '', /red.*hidden.*evil/);
    assert.doesNotMatch(first?.status ?? '', unsafeText);
    assert.ok(stringWidth(long?.name ?? '') <= 128, `${stringWidth(long?.name ?? '')} cells`);
    assert.ok(stringWidth(long?.name ?? '') >= 120);
    assert.ok(stringWidth(wide?.name ?? '') <= 128, `${stringWidth(wide?.name ?? '')} cells`);
    assert.equal(unnamed?.name, instanceId(3));
  });

  test('the real binary: --max-instances and max_instances bound discovery; a bad bound is a usage error', async () => {
    const env = cleanEnv({ GAUSSDB_TOKEN: 'test-token' });
    const target = ['--endpoint', server.url, '--project-id', projectId, '--discover', '--once'];
    const flagged = await runCli([...target, '--max-instances', '150'], env);
    assert.equal(flagged.code, 1, flagged.stderr);
    assert.match(
      flagged.stderr,
      /^gaussdb-top: listing instances of \S+ \w+ failed: .*150.*--max-instances.*\n$/,
    );
    assert.ok(server.count(listPath) <= 2, `read ${server.count(listPath)} pages`);
    assert.equal(server.count(/session-overview/), 0, 'nothing polled');

    const config = join(String(env.HOME), 'bounded.toml');
    writeFileSync(config, 'max_instances = 120\n');
    const configured = await runCli([...target, '--config', config], env);
    assert.equal(configured.code, 1, configured.stderr);
    assert.match(configured.stderr, /120.*--max-instances/);

    server.requests.length = 0;
    const bad = await runCli([...target, '--max-instances', '0'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^gaussdb-top: --max-instances must be .*\n$/);
    assert.equal(server.requests.length, 0);
  });
});
