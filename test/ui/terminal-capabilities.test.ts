import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colorLevel, drawsUnicode } from '../../source/ui/terminal-capabilities.js';

test('colour level: from COLORTERM and TERM only, whatever CI says', () => {
  assert.equal(colorLevel({ TERM: 'xterm', CI: 'true' }), 1);
  assert.equal(colorLevel({ TERM: 'screen', CI: 'true', GITHUB_ACTIONS: 'true' }), 1);
  assert.equal(colorLevel({ TERM: 'tmux-256color', CI: '1' }), 2);
  assert.equal(colorLevel({ TERM: 'xterm-direct' }), 2);
  assert.equal(colorLevel({ TERM: 'xterm-256color', COLORTERM: 'truecolor' }), 3);
  assert.equal(colorLevel({ TERM: 'dumb' }), 1, 'attributes still need a level');
  assert.equal(colorLevel({}), 1);
});

test('Unicode marks only with a UTF-8 locale and a terminal that is not dumb; POSIX precedence', () => {
  assert.equal(drawsUnicode({ TERM: 'xterm', LANG: 'C.UTF-8' }), true);
  assert.equal(drawsUnicode({ TERM: 'xterm', LANG: 'zh_CN.utf8' }), true);
  assert.equal(drawsUnicode({ TERM: 'dumb', LANG: 'C.UTF-8' }), false);
  assert.equal(drawsUnicode({ TERM: 'xterm', LANG: 'C' }), false);
  assert.equal(drawsUnicode({ TERM: 'xterm' }), false, 'no locale at all is the C locale');
  assert.equal(drawsUnicode({ TERM: 'xterm', LC_ALL: 'POSIX', LANG: 'en_US.UTF-8' }), false);
  assert.equal(drawsUnicode({ TERM: 'xterm', LC_CTYPE: 'en_US.UTF-8', LANG: 'C' }), true);
  assert.equal(drawsUnicode({ TERM: 'xterm', LC_ALL: '', LANG: 'en_US.UTF-8' }), true, 'empty means unset');
});
