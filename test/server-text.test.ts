import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import stringWidth from 'string-width';
import { forgetSecrets, mask, maskSecrets, registerSecret } from '../source/secrets.js';
import { cutToCells, escapeUnsafeInJson, printable } from '../source/server-text.js';

afterEach(forgetSecrets);

test('every form of a registered secret is masked, the longest first', () => {
  registerSecret('pass"word\\1');
  registerSecret('word\\1');
  assert.equal(maskSecrets('a pass"word\\1 b'), `a ${mask} b`);
  assert.equal(maskSecrets(JSON.stringify({ password: 'pass"word\\1' })), `{"password":"${mask}"}`);
  assert.equal(maskSecrets('x=pass%22word%5C1'), `x=${mask}`);
});

test('secrets shorter than 4 characters are not masked (they would mask everything)', () => {
  registerSecret('a');
  registerSecret('ab1');
  registerSecret('');
  assert.equal(maskSecrets('a cab1 banana'), 'a cab1 banana');
});

test('AK/SK signatures are masked by their shape', () => {
  const hex = 'ab'.repeat(32);
  assert.equal(maskSecrets(`Signature=${hex}`), `Signature=${mask}`);
  assert.equal(maskSecrets(`SDK-HMAC-SHA256 x ${hex}`), `SDK-HMAC-SHA256 x ${mask}`);
  assert.equal(maskSecrets(`id ${hex}`), `id ${hex}`, 'a bare hash without the algorithm is left alone');
});

test('printable masks and replaces controls, format characters and separators', () => {
  registerSecret('secret-1');
  assert.equal(
    printable('a\u001B[31mb secret-1\u200B\u2028\u{E0041}'),
    `a\uFFFD[31mb ${mask}\uFFFD\uFFFD\uFFFD`,
  );
  assert.equal(printable('中文 café'), '中文 café');
});

test('cutToCells counts terminal cells and never splits a character', () => {
  assert.equal(cutToCells('abc', 3), 'abc');
  assert.equal(cutToCells('abcd', 3), 'ab…');
  const cut = cutToCells('库'.repeat(10), 7);
  assert.ok(stringWidth(cut) <= 7);
  assert.equal(cut, '库库库…');
});

test('escapeUnsafeInJson keeps the document valid and the strings the same', () => {
  const value = { name: 'a\u009B\u202E\u200B\u{E0041}b\nc' };
  const text = escapeUnsafeInJson(JSON.stringify(value, null, 2));
  assert.doesNotMatch(text, /[\u0080-\u009f\u202e\u200b]|\u{E0041}/u);
  assert.deepEqual(JSON.parse(text), value);
});
