import assert from 'node:assert/strict';
import { test } from 'node:test';
import stringWidth from 'string-width';
import { messages } from '../../source/i18n/index.js';
import { fit, formatAge, formatDelta, formatSeconds, sparkline } from '../../source/ui/format.js';
import { gridColumns, markerWidth } from '../../source/ui/layout.js';
import { sortColumns } from '../../source/ui/sort.js';

const total = (columns: ReturnType<typeof gridColumns>) =>
  markerWidth + columns.reduce((sum, column) => sum + column.width + 1, 0) - 1;

test('columns fill the width exactly, in both languages, and drop extras when narrow', () => {
  for (const language of ['en-us', 'zh-cn'] as const) {
    const t = messages(language);
    for (const width of [60, 80, 100, 120, 200, 300]) {
      const columns = gridColumns(width, t);
      assert.ok(total(columns) <= width, `${language} ${width}: ${total(columns)}`);
      if (columns.some((column) => column.id === 'note')) assert.equal(total(columns), width);
    }
    assert.deepEqual(
      gridColumns(120, t).map((column) => column.id),
      ['name', 'id', 'level', 'total', 'active', 'slowSql', 'lock', 'trend', 'age', 'note'],
    );
    assert.ok(!gridColumns(60, t).some((column) => column.id === 'trend' || column.id === 'id'));
  }
});

test('fit pads and truncates in terminal cells', () => {
  assert.equal(fit('abc', 5), 'abc  ');
  assert.equal(fit('abc', 5, 'right'), '  abc');
  assert.equal(fit('abcdefgh', 5), 'abcd…');
  assert.equal(stringWidth(fit('订单库-主库-华北', 7)), 7);
  assert.equal(fit('订单库', 6), '订单库');
});

test('ages move in coarse steps', () => {
  assert.deepEqual([0, 4_999, 12_000, 59_000, 61_000, 7_200_000, 3 * 86_400_000].map(formatAge), [
    '0s',
    '4s',
    '10s',
    '55s',
    '1m',
    '2h',
    '3d',
  ]);
  assert.equal(formatSeconds(5000), '5s');
  assert.equal(formatSeconds(1500), '1.5s');
  assert.equal(formatSeconds(300_000), '5m');
});

test('sparkline and deltas', () => {
  assert.equal(sparkline([0, 4, 8], 5), '  ▁▅█');
  assert.equal(sparkline([0, 0, 0], 3), '   ', 'steady: nothing to show');
  assert.equal(sparkline([null, 4, 4], 3), '   ');
  assert.equal(sparkline([2, null, 4], 3), '▅ █');
  assert.equal(sparkline([1, 2, 3, 4, 5, 6], 3), '▆▇█');
  assert.equal(formatDelta(5, 3), '+2');
  assert.equal(formatDelta(3, 5), '-2');
  assert.equal(formatDelta(3, 3), '');
  assert.equal(formatDelta(3, undefined), '');
});

test('the header counts stale rows as not answering', async () => {
  const { summarise } = await import('../../source/ui/summary.js');
  const view = (at: number, error = false) =>
    ({
      key: String(at),
      endpoint: 'https://fake',
      projectId: 'p',
      instanceId: String(at),
      name: String(at),
      latest: { at, wallAt: at, overview: { total: 10, active: 1, slowSql: 0, lock: 0 } },
      previous: null,
      level: error ? 'error' : 'ok',
      dataLevel: 'ok',
      error: error ? { status: 500, code: 'X', message: 'm', requestId: null, at } : null,
      latencyMs: 1,
      trend: [],
      successes: 1,
      failures: 0,
      levelSince: at,
      recoveredAt: null,
    }) as const;
  const summary = summarise([view(100_000), view(1_000), view(100_000, true)], 100_500, 12_000);
  assert.equal(summary.fresh, 1);
  assert.equal(summary.sums.total, 10);
});

test('no heading is ever cut: each column is as wide as its heading (and its sort arrow)', () => {
  for (const language of ['en-us', 'zh-cn'] as const) {
    const t = messages(language);
    for (let width = 60; width <= 240; width++) {
      for (const longest of [4, 12, 40, 80]) {
        for (const column of gridColumns(width, t, longest)) {
          if (column.spec.heading === null) continue;
          const sorts = sortColumns.some((id) => id === column.id);
          const needed = stringWidth(t.columns[column.spec.heading]) + (sorts ? 1 : 0);
          assert.ok(column.width >= needed, `${language} ${width} ${longest}: ${column.id} ${column.width}`);
        }
      }
    }
  }
});
