import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../source/cloud/api-error.js';
import { parseCount, parseSessionOverview } from '../../source/cloud/session-overview.js';

test('counts: digit strings with leading zeros and JSON integers', () => {
  assert.equal(parseCount('036'), 36);
  assert.equal(parseCount('0'), 0);
  assert.equal(parseCount('000'), 0);
  assert.equal(parseCount('00000000000000000000000012'), 12);
  assert.equal(parseCount(7), 7);
  assert.equal(parseCount('999999999'), 999_999_999);
});

test('counts: anything else is refused, never NaN or a wrong number', () => {
  for (const bad of [
    '',
    ' 1',
    '1 ',
    '-1',
    '+1',
    '1.5',
    '1e3',
    '0x10',
    'abc',
    '١٢',
    '123456789012345678901234567890',
    '1000000000',
  ]) {
    assert.equal(parseCount(bad), undefined, JSON.stringify(bad));
  }
  for (const bad of [-1, 1.5, Number.NaN, 1e30, null, true, [], {}, undefined]) {
    assert.equal(parseCount(bad), undefined, String(bad));
  }
});

test('a good body parses into numbers', () => {
  assert.deepEqual(
    parseSessionOverview('{"active_num":"12","total_num":"036","slow_sql_num":"1","lock_num":"0"}', null),
    {
      total: 36,
      active: 12,
      slowSql: 1,
      lock: 0,
    },
  );
});

function rejects(text: string, field: string): void {
  assert.throws(
    () => parseSessionOverview(text, 'req-1'),
    (error: unknown) =>
      error instanceof ApiError &&
      error.code === 'BAD_RESPONSE' &&
      error.field === field &&
      error.requestId === 'req-1' &&
      error.message.includes(field),
    text,
  );
}

test('bad bodies are typed errors naming the field', () => {
  rejects('{"active_num":"12"', 'body');
  rejects('[1,2,3]', 'body');
  rejects('null', 'body');
  rejects('<html>oops</html>', 'body');
  rejects('{"active_num":"1","slow_sql_num":"1","lock_num":"0"}', 'total_num');
  rejects('{"active_num":"-1","total_num":"1","slow_sql_num":"1","lock_num":"0"}', 'active_num');
  rejects('{"active_num":"1","total_num":"1.5","slow_sql_num":"1","lock_num":"0"}', 'total_num');
  rejects('{"active_num":"1","total_num":"1","slow_sql_num":"x","lock_num":"0"}', 'slow_sql_num');
  rejects(
    '{"active_num":"1","total_num":"1","slow_sql_num":"1","lock_num":"123456789012345678901234567890"}',
    'lock_num',
  );
});
