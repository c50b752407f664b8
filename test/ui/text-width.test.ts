import assert from 'node:assert/strict';
import { test } from 'node:test';
import chalk from 'chalk';
import stringWidth from 'string-width';
import { createTextWidth } from '../../source/ui/text-width.js';

let fullWidthCalls = 0;
const textWidth = createTextWidth(() => {
  fullWidthCalls++;
  return stringWidth;
});

test('every code point it measures itself: the same width as string-width', () => {
  const mismatches: string[] = [];
  let measured = 0;
  const handedOn = -1;
  const ownWidth = createTextWidth(() => () => handedOn);
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
    const character = String.fromCodePoint(codePoint);
    const width = ownWidth(character);
    if (width === handedOn) continue; // string-width answers these itself
    measured++;
    if (width !== stringWidth(character)) mismatches.push(codePoint.toString(16));
  }
  assert.deepEqual(mismatches, []);
  assert.ok(measured > 40_000, `measured ${measured}: the letters, digits and symbols of the BMP`);
});

test('strings of such characters, plain and styled: the same width, without string-width', () => {
  // Printable BMP characters of many scripts and symbol blocks, mixed at random (seeded).
  const pool = [
    ...'aZ09 -_.:/()[]·•…●▲◆✖✔⚠▁▂▃▄▅▆▇█│─┌┐↑↓≥Σ❚会话慢锁总数活跃实例ｱｲｳ가나다ЖжΩαالعربيةहिन्दीไทย',
  ];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  fullWidthCalls = 0;
  let fast = 0;
  for (let round = 0; round < 5000; round++) {
    let text = '';
    for (let length = Math.floor(random() * 24); length > 0; length--) {
      text += pool[Math.floor(random() * pool.length)];
    }
    const calls = fullWidthCalls;
    assert.equal(textWidth(text), stringWidth(text), JSON.stringify(text));
    assert.equal(textWidth(chalk.red.bold(text)), stringWidth(chalk.red.bold(text)), JSON.stringify(text));
    if (fullWidthCalls === calls) fast++;
  }
  // Devanagari and Thai marks send some strings to string-width; most never need it.
  assert.ok(fast > 1000, `only ${fast} of 5000 took the quick way`);
});

test('picture emoji, emoji styles, joiners, combining marks and jamo go to string-width', () => {
  for (const text of [
    '👍🏽',
    '👨‍👩‍👧',
    '1️⃣',
    'e\u0301',
    '🇨🇳',
    '\u1100\u1161',
    '⌚',
    '✖\uFE0F',
    'a\u200Db',
    '\t',
    '𠀀',
  ]) {
    const calls = fullWidthCalls;
    assert.equal(textWidth(text), stringWidth(text), JSON.stringify(text));
    assert.equal(fullWidthCalls, calls + 1, JSON.stringify(text));
  }
});

test('the CRIT mark ✖ is a text-style symbol: measured without string-width', () => {
  const calls = fullWidthCalls;
  assert.equal(textWidth('✖ CRIT'), stringWidth('✖ CRIT'));
  assert.equal(fullWidthCalls, calls, 'string-width (and its 30 ms of set-up) stays unloaded');
});

test('options string-width alone understands are passed on', () => {
  const calls = fullWidthCalls;
  assert.equal(
    textWidth('·…', { ambiguousIsNarrow: false }),
    stringWidth('·…', { ambiguousIsNarrow: false }),
  );
  assert.equal(
    textWidth('\u001B[31mab', { countAnsiEscapeCodes: true }),
    stringWidth('\u001B[31mab', { countAnsiEscapeCodes: true }),
  );
  assert.equal(fullWidthCalls, calls + 2);
});
