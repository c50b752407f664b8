import assert from 'node:assert/strict';
import { test } from 'node:test';
import stringWidth from 'string-width';
import { messages } from '../../source/i18n/index.js';
import { languages } from '../../source/language.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import type { InstanceView } from '../../source/monitor/store.js';
import { columns, headingWidth } from '../../source/ui/columns.js';
import { rowLine } from '../../source/ui/GridRow.js';
import { gridColumns, markerWidth } from '../../source/ui/layout.js';
import { sortColumns } from '../../source/ui/sort.js';
import { createTheme } from '../../source/ui/theme.js';
import { plain } from '../helpers/plain.js';

const view = (overrides: Partial<InstanceView> = {}): InstanceView => ({
  key: 'k',
  endpoint: 'https://fake',
  projectId: 'p'.repeat(32),
  instanceId: '0123456789abcdef0123456789abcdefin14',
  name: 'orders-primary',
  latest: { at: 0, wallAt: 0, overview: { total: 12, active: 3, slowSql: 0, lock: 0 } },
  previous: null,
  level: 'ok',
  dataLevel: 'ok',
  error: null,
  latencyMs: 1,
  trend: [1, 5, 2],
  successes: 1,
  failures: 0,
  levelSince: 0,
  recoveredAt: null,
  ...overrides,
});

const failing = view({
  level: 'error',
  error: { status: 404, code: 'DBS.200002', message: 'gone', requestId: 'r', at: 0 },
});

test('every column draws its own cell exactly as wide as laid out, in both languages and at any width', () => {
  const theme = createTheme(true);
  for (const language of languages) {
    const t = messages(language);
    for (let width = 60; width <= 240; width += 7) {
      const laid = gridColumns(width, t, 20);
      for (const row of [view(), failing]) {
        const line = plain(
          rowLine({
            view: row,
            columns: laid,
            selected: false,
            age: '5s',
            stale: false,
            duration: '',
            t,
            theme,
            thresholds: defaultThresholds,
          }),
        );
        let at = markerWidth;
        for (const column of laid) {
          const cell = [...line].reduce(
            (state, character) => {
              const cells = stringWidth(character);
              if (state.position >= at && state.position < at + column.width) state.text += character;
              state.position += cells;
              return state;
            },
            { position: 0, text: '' },
          ).text;
          assert.equal(
            stringWidth(cell),
            column.width,
            `${language} ${width} ${column.id}: ${JSON.stringify(cell)}`,
          );
          at += column.width + 1;
        }
        assert.equal(stringWidth(line), at - 1, `${language} ${width}: the row ends where the columns end`);
      }
    }
  }
});

test('only the note column shows an error; every heading exists in both languages', () => {
  const t = messages('en-us');
  const laid = gridColumns(200, t, 20);
  const line = plain(
    rowLine({
      view: failing,
      columns: laid,
      selected: false,
      age: '',
      stale: false,
      duration: '',
      t,
      theme: createTheme(true),
      thresholds: defaultThresholds,
    }),
  );
  assert.equal(line.split('DBS.200002').length, 2, `the code once: ${line}`);
  assert.ok(line.trimEnd().endsWith('DBS.200002 gone'), 'in the last column');
  for (const language of languages) {
    for (const column of columns) {
      if (column.heading === null) continue;
      assert.ok(headingWidth(column, messages(language)) > 0, `${language}: ${column.id}`);
    }
  }
});

test('s steps through the default order, then every sortable column left to right', () => {
  assert.deepEqual(sortColumns, ['level', 'name', 'total', 'active', 'slowSql', 'lock', 'age']);
});

test('the ID column is dropped first: never shown without the trend, and shown only from a width on', () => {
  for (const language of languages) {
    const t = messages(language);
    for (const longest of [4, 16, 40, 80]) {
      const has = (width: number, id: string) =>
        gridColumns(width, t, longest).some((column) => column.id === id);
      let trendWithoutId = false;
      for (let width = 60; width <= 300; width++) {
        if (has(width, 'id')) {
          assert.ok(
            has(width, 'trend'),
            `${language} ${width} ${longest}: the trend stays while the ID shows`,
          );
          assert.ok(has(width + 1, 'id'), `${language} ${width} ${longest}: a wider pane keeps it`);
        } else if (has(width, 'trend')) trendWithoutId = true;
      }
      assert.ok(trendWithoutId, `${language} ${longest}: some width shows the trend but not the ID`);
    }
    assert.deepEqual(
      gridColumns(120, t).map((column) => column.id),
      ['name', 'id', 'level', 'total', 'active', 'slowSql', 'lock', 'trend', 'age', 'note'],
    );
  }
});

test('the ID cell: the last 8 characters of the id, sanitised first', () => {
  const t = messages('en-us');
  const laid = gridColumns(200, t, 20);
  const draw = (instanceId: string) =>
    rowLine({
      view: view({ instanceId }),
      columns: laid,
      selected: false,
      age: '',
      stale: false,
      duration: '',
      t,
      theme: createTheme(true),
      thresholds: defaultThresholds,
    });
  assert.match(plain(draw('0123456789abcdef0123456789abcdefin14')), /^ {2}orders-primary\s+cdefin14 /);
  const hostile = draw('evil\u001B]52;c;QUFB\u0007\u202Ein14');
  for (const unsafe of ['\u0007', '\u202E', '\u001B]'])
    assert.ok(!hostile.includes(unsafe), JSON.stringify(hostile));
  assert.match(plain(hostile), / FB\uFFFD\uFFFDin14 /);
});
