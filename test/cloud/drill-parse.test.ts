import assert from 'node:assert/strict';
import { test } from 'node:test';
import { epochField, runtimeField } from '../../source/cloud/drill-fields.js';
import { defaultNodeIndex, parseExecNodes } from '../../source/cloud/drill-parse-nodes.js';
import { parseSessionList } from '../../source/cloud/drill-parse-sessions.js';
import {
  parseKillResult,
  parseStatistics,
  parseTopSql,
  parseWaitEvents,
} from '../../source/cloud/drill-parse-statistics.js';

// Bodies shaped like the SDK's models (RealTimeSessionResult, OpsKeyViewExecuteNodeResult, ...), then
// every way an answer can be wrong: a bad field is null, a bad body is the call's error.

const sdkSession = {
  session_id: '140234567890123',
  pid: '140234567890123',
  unique_sql_id: '2875413079',
  database_name: 'orders',
  client_ip: '10.1.2.3',
  user_name: 'app',
  wait: 'yes',
  block_session: '140234567890001',
  wait_event: 'transactionid',
  state: 'active',
  query_runtime: '12.5',
  query: 'UPDATE accounts\n   SET balance = 0\n WHERE id = 1',
  back_end_start: 1796100000,
  transaction_start: 1796190000,
  query_start: 1796190300,
  application_name: 'JDBC',
  exec_time: '3600',
  trans_num: '10',
  rollback_num: '0',
  sql_num: '036',
  client_port: '40001',
  wait_status: 'acquire lock',
  lock_mode: 'ShareLock',
  lock_tag: 'transactionid:1234',
  component_name: 'dn_6001',
};

test('an SDK-shaped session is read whole: counts strictly, start times to ms, runtime to ms, SQL on one line', () => {
  const { sessions, truncated } = parseSessionList(JSON.stringify({ sessions: [sdkSession] }), null);
  assert.equal(truncated, false);
  assert.deepEqual(sessions[0], {
    session_id: '140234567890123',
    user_name: 'app',
    database_name: 'orders',
    client_ip: '10.1.2.3',
    client_port: 40001,
    application_name: 'JDBC',
    state: 'active',
    wait_event: 'transactionid',
    wait_status: 'acquire lock',
    lock_mode: 'ShareLock',
    lock_tag: 'transactionid:1234',
    block_session: '140234567890001',
    query_runtime: 12_500,
    query_start: 1_796_190_300_000,
    transaction_start: 1_796_190_000_000,
    back_end_start: 1_796_100_000_000,
    sql_num: 36,
    unique_sql_id: '2875413079',
    query: 'UPDATE accounts SET balance = 0 WHERE id = 1',
  });
});

test('every bad field is null, never NaN or undefined; hostile text is made printable', () => {
  const hostile = {
    session_id: 42,
    user_name: ['x'],
    database_name: '\u001b]0;pwned\u0007db',
    client_ip: 7,
    client_port: '-1',
    application_name: { a: 1 },
    state: null,
    block_session: 'x y; DROP',
    query_runtime: 'NaN',
    query_start: -5,
    transaction_start: '1e9',
    back_end_start: 1e20,
    sql_num: '1.5',
    unique_sql_id: 'not an id!',
    query: '\u202eevil\u0000',
  };
  const [session] = parseSessionList(JSON.stringify({ sessions: [hostile] }), null).sessions;
  assert.ok(session);
  assert.equal(session.session_id, '42', 'an integer id is taken as text');
  for (const field of [
    'user_name',
    'client_ip',
    'client_port',
    'application_name',
    'state',
    'query_runtime',
  ] as const) {
    assert.equal(session[field], null, field);
  }
  for (const field of [
    'query_start',
    'transaction_start',
    'back_end_start',
    'sql_num',
    'unique_sql_id',
  ] as const) {
    assert.equal(session[field], null, field);
  }
  assert.equal(session.block_session, 'x', 'the first id of a list');
  assert.doesNotMatch(JSON.stringify(session), /\\u001b|\\u0007|\\u0000|\u202e|NaN|undefined/);
  assert.match(session.database_name ?? '', /^\uFFFD\]0;pwned\uFFFDdb$/);
});

test('entries without a usable session id are left out, duplicates too; 200 entries mean truncated', () => {
  const entries = [
    { session_id: '1' },
    { session_id: '' },
    null,
    5,
    [],
    { session_id: '1' },
    { session_id: 'a b' },
  ];
  assert.deepEqual(
    parseSessionList(JSON.stringify({ sessions: entries }), null).sessions.map(
      (session) => session.session_id,
    ),
    ['1'],
  );
  const many = Array.from({ length: 200 }, (_, index) => ({ session_id: String(index + 1) }));
  assert.equal(parseSessionList(JSON.stringify({ sessions: many }), null).truncated, true);
  const huge = Array.from({ length: 5000 }, (_, index) => ({ session_id: String(index + 1) }));
  assert.equal(parseSessionList(JSON.stringify({ sessions: huge }), null).sessions.length, 1000, 'bounded');
});

test('blocked by nobody: empty, zero, dash and null all mean no blocker', () => {
  for (const value of ['', '0', '-', 'null', null, 0, undefined]) {
    const [session] = parseSessionList(
      JSON.stringify({ sessions: [{ session_id: '9', block_session: value }] }),
      null,
    ).sessions;
    assert.equal(session?.block_session, null, String(value));
  }
});

test('a bad body is an error of that call: not JSON, not an object, list missing or not a list', () => {
  const parsers = [
    ['sessions', parseSessionList],
    ['nodes', parseExecNodes],
    ['statistics_list', parseStatistics],
    ['wait_event_info', parseWaitEvents],
    ['top_sql_info', parseTopSql],
  ] as const;
  for (const [field, parse] of parsers) {
    for (const text of ['', 'nope', '[]', 'null', '"x"', '{}', `{"${field}": {}}`, `{"${field}": "1"}`]) {
      assert.throws(
        () => parse(text, 'req-1'),
        { name: 'ApiError', code: 'BAD_RESPONSE', requestId: 'req-1' },
        `${field} ${text}`,
      );
    }
  }
  for (const text of ['{}', '{"success":"yes"}', '[]', 'x']) {
    assert.throws(() => parseKillResult(text, null), { code: 'BAD_RESPONSE' }, text);
  }
});

test('nodes: SDK-shaped, the default is the first CN or the primary; nodes without ids are left out', () => {
  const nodes = parseExecNodes(
    JSON.stringify({
      nodes: [
        {
          node_id: 'n1',
          component_id: 'dn_6002',
          node_name: 'a',
          role: 'slave',
          type: 'DN',
          distributed_id: null,
          detail: '',
        },
        { node_id: 'n2', component_id: 'dn_6001', node_name: 'b', role: 'master', type: 'DN' },
        { node_id: 'n3', node_name: 'no component' },
        { node_id: 'n4', component_id: 'x', type: 'cn?' },
      ],
    }),
    null,
  );
  assert.deepEqual(
    nodes.map((node) => [node.node_id, node.type]),
    [
      ['n1', 'DN'],
      ['n2', 'DN'],
      ['n4', null],
    ],
  );
  assert.equal(defaultNodeIndex(nodes), 1);
  assert.equal(
    defaultNodeIndex([...nodes, { ...nodes[0], node_id: 'c', type: 'CN' } as (typeof nodes)[0]]),
    3,
  );
  assert.equal(defaultNodeIndex([]), 0);
});

test('statistics, wait events, top SQL: counts as strictly as the overview, rows without their key left out', () => {
  assert.deepEqual(
    parseStatistics(
      JSON.stringify({
        total: 3,
        statistics_list: [
          { name: 'app', active_num: '012', total_num: '30' },
          { name: 'etl', active_num: -1, total_num: '1.5' },
          { active_num: '1', total_num: '1' },
        ],
      }),
      null,
    ),
    [
      { name: 'app', active_num: 12, total_num: 30 },
      { name: 'etl', active_num: null, total_num: null },
    ],
  );
  assert.deepEqual(
    parseWaitEvents(
      JSON.stringify({
        wait_event_info: [{ node_name: 'dn', event_name: 'tuple', count: '7' }, { count: '1' }],
      }),
      null,
    ),
    [{ node_name: 'dn', event_name: 'tuple', count: 7 }],
  );
  assert.deepEqual(
    parseTopSql(
      JSON.stringify({ top_sql_info: [{ node_name: 'cn', unique_sql_id: 5, query: 'SELECT\n1', count: 3 }] }),
      null,
    ),
    [{ node_name: 'cn', unique_sql_id: '5', query: 'SELECT 1', count: 3 }],
  );
  assert.deepEqual(parseKillResult('{"session_ids":["1",2,{}],"success":true}', null), {
    session_ids: ['1', '2'],
    success: true,
  });
});

test('query_runtime: seconds (fractions too), interval text, or null; start times: seconds or ms', () => {
  assert.equal(runtimeField('3'), 3000);
  assert.equal(runtimeField(0.25), 250);
  assert.equal(runtimeField('00:01:02.5'), 62_500);
  assert.equal(runtimeField('2 days 01:00:00'), 49 * 3600_000);
  for (const bad of ['', '-1', '1e3', '00:99:00', 'abc', null, {}, Number.POSITIVE_INFINITY, '99999999999']) {
    assert.equal(runtimeField(bad), null, String(bad));
  }
  assert.equal(epochField(1796190300), 1_796_190_300_000);
  assert.equal(epochField(1_796_190_300_123), 1_796_190_300_123);
  assert.equal(epochField('1796190300'), 1_796_190_300_000);
  assert.equal(epochField(0), null);
  assert.equal(epochField(1.5), null);
});
