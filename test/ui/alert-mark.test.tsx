import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { renderApp, tick } from '../helpers/ui-fixture.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping colours from frames
const plain = (text: string) => text.replace(/\u001B\[[0-9;]*m/g, '');
const names = ['alpha', 'beta'];

afterEach(() => cleanup());

async function firstLine(options: { armed: boolean; ascii?: boolean; zh?: boolean; states?: boolean }) {
  const app = renderApp(
    names,
    { width: 60, height: 12 },
    { alertsArmed: options.armed, ascii: options.ascii, insecure: options.states },
  );
  for (const index of names.keys()) app.answer(index, {});
  if (options.zh) await app.press('l');
  // Paused and INSECURE TLS: two states that take the line's room before the target.
  if (options.states) await app.press('p');
  await tick();
  const line = plain(app.lines()[0] ?? '');
  assert.ok(stringWidth(line) <= 60, line);
  cleanup();
  return line;
}

test('armed: 🔔 opens the first line at 60 columns, in English and in Chinese', async () => {
  for (const zh of [false, true]) {
    const line = await firstLine({ armed: true, zh });
    assert.ok(line.startsWith('🔔 '), line);
    assert.match(line, zh ? /2\/2 正常/ : /2\/2 OK/);
  }
});

test('with --ascii: BELL, in both languages', async () => {
  for (const zh of [false, true]) {
    const line = await firstLine({ armed: true, ascii: true, zh });
    assert.ok(line.startsWith('BELL '), line);
    assert.doesNotMatch(line, /🔔/);
  }
});

test('the mark survives states that fill the line; the states are still there after it', async () => {
  for (const zh of [false, true]) {
    for (const ascii of [false, true]) {
      const line = await firstLine({ armed: true, ascii, zh, states: true });
      const paused = `${ascii ? '||' : '❚❚'} ${zh ? '已暂停' : 'PAUSED'} 0:00 ${zh ? 'TLS 未验证' : 'INSECURE TLS'}`;
      assert.ok(line.startsWith(`${ascii ? 'BELL' : '🔔'} ${paused}  2/2`), line);
    }
  }
});

test('not armed: no mark', async () => {
  for (const ascii of [false, true]) {
    const line = await firstLine({ armed: false, ascii, states: true });
    assert.doesNotMatch(line, /🔔|BELL/);
  }
});
