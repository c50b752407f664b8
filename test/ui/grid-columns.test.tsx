import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { plain } from '../helpers/plain.js';
import { renderApp, tick } from '../helpers/ui-fixture.js';

const lineOf = (lines: string[], name: string) => lines.find((line) => line.includes(name)) ?? '';

afterEach(() => cleanup());

test('the sort arrow shows on every sortable heading, in both languages, at any width', async () => {
  const expected = {
    'en-us': ['LEVEL↓', 'INSTANCE↓', 'TOTAL↓', 'ACTIVE↓', 'SLOW SQL↓', 'LOCKS↓', 'AGE↓'],
    'zh-cn': ['级别↓', '实例↓', '总会话↓', '活跃↓', '慢SQL↓', '锁等待↓', '数据龄↓'],
  };
  for (const language of ['en-us', 'zh-cn'] as const) {
    for (const width of [120, 80]) {
      const app = renderApp(['alpha'], { width, height: 12 });
      app.answer(0, {});
      if (language === 'zh-cn') await app.press('l');
      for (const heading of expected[language]) {
        // At 80 columns the age column may give way; every other heading keeps its arrow.
        const headings = plain(app.lines()[2] ?? '');
        if (!(width === 80 && heading.startsWith(language === 'en-us' ? 'AGE' : '数据龄')))
          assert.ok(headings.includes(heading), `${width}: ${heading} in ${headings}`);
        await app.press('s');
      }
      cleanup();
    }
  }
});

test('80x24: names and error codes whole, the trend gives way; every line within 80 cells', async () => {
  const names = ['inventory-0004', 'orders-primary', '支付中心-主库-08'];
  const app = renderApp(names, { width: 80, height: 24 });
  app.answer(0, { active: 9 });
  app.answer(1, {});
  app.answer(2, {});
  app.fail(0, 'DBS.200002', 404);
  await tick();
  const lines = app.lines().map(plain);
  for (const name of names) assert.ok(lineOf(lines, name), `${name} whole on screen`);
  assert.match(lineOf(lines, 'inventory-0004'), /DBS\.200002/, 'the whole error code');
  assert.doesNotMatch(lines[2] ?? '', /ACTIVE \/12m/, 'no trend column at 80');
  assert.match(lines[2] ?? '', /AGE/, 'the age column stays');
  for (const line of lines) assert.ok(stringWidth(line) <= 80, `within 80: ${line}`);
});

test('the name column grows with the pane up to the longest name', async () => {
  const long = 'prod-orders-primary-shanghai-az2-01'; // 35 cells
  let app = renderApp([long, 'short'], { width: 120, height: 12 });
  app.answer(0, {});
  app.answer(1, {});
  assert.ok(lineOf(app.lines().map(plain), long), 'not cut at 120 columns');
  cleanup();
  app = renderApp([long, 'short'], { width: 200, height: 12 });
  const headings = plain(app.lines()[2] ?? '');
  assert.equal(headings.indexOf('ID') - headings.indexOf('INSTANCE'), long.length + 1, 'no wider than it');
  assert.match(headings, /ACTIVE \/12m/, 'wide panes keep the trend');
});

test('wide panes show the last 8 characters of each id after the name, in both languages; narrower ones drop it first', async () => {
  const app = renderApp(['orders-primary', '订单库-05'], { width: 120, height: 12 });
  app.answer(0, {});
  app.answer(1, {});
  await tick();
  let lines = app.lines().map(plain);
  assert.match(lines[2] ?? '', /^ {2}INSTANCE\s+ID\s+LEVEL/);
  assert.match(lineOf(lines, 'orders-primary'), /orders-primary\s+imary-id\s+· ok/, 'orders-primary-id');
  assert.match(
    lineOf(lines, '订单库-05'),
    /订单库-05\s+库-05-id\s+· ok/,
    'cut from the start to fit 8 cells',
  );
  await app.press('l');
  lines = app.lines().map(plain);
  assert.match(lines[2] ?? '', /^ {2}实例\s+实例 ID\s+级别/);
  cleanup();
  const narrow = renderApp(['orders-primary'], { width: 100, height: 12 });
  narrow.answer(0, {});
  await tick();
  const headings = plain(narrow.lines()[2] ?? '');
  assert.doesNotMatch(headings, /\bID\b/, 'no ID column at 100');
  assert.match(headings, /LEVEL.*TOTAL.*AGE/, 'the rest stays');
});
