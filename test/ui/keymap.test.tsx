import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { afterEach, test } from 'node:test';
import type { Key } from 'ink';
import { cleanup } from 'ink-testing-library';
import { languages } from '../../source/language.js';
import { allowed } from '../../source/ui/capabilities.js';
import { footerHints, helpLines, keyName, shownKeys } from '../../source/ui/key-help.js';
import { type Action, actionFor, actions, bindings, type Screen } from '../../source/ui/keymap.js';
import { isReplayAction } from '../../source/ui/replay-keys.js';
import { plain } from '../helpers/plain.js';
import { fakeRecording, renderApp } from '../helpers/ui-fixture.js';

afterEach(() => cleanup());

const noKey = Object.fromEntries(
  [
    'upArrow',
    'downArrow',
    'pageUp',
    'pageDown',
    'home',
    'end',
    'return',
    'escape',
    'ctrl',
    'meta',
    'shift',
  ].map((name) => [name, false]),
) as unknown as Key;

/** The key press a spec of the keymap stands for, as ink reports it. */
function press(spec: string): [string, Key] {
  if (spec.startsWith('key:')) return ['', { ...noKey, [spec.slice(4)]: true }];
  if (spec.startsWith('ctrl:')) return [spec.slice(5), { ...noKey, ctrl: true }];
  return [spec, noKey];
}

test('every key of the keymap does its action on its screen, and nothing else claims it', () => {
  for (const action of actions) {
    for (const [screen, specs] of Object.entries(bindings[action].keys) as [Screen, string[]][]) {
      for (const spec of specs) {
        const found = actionFor(screen, ...press(spec));
        if (found !== action) {
          // Only an action a feed may lack can take a key first (Enter: the sessions page, else details).
          assert.ok(found && !allowed(found, { capabilities: new Set() }), `${screen} ${spec}: ${found}`);
          assert.equal(
            actionFor(screen, ...press(spec), (one) => one !== found),
            action,
            `${screen} ${spec}`,
          );
        }
      }
    }
  }
  assert.equal(actionFor('grid', 'x', noKey), undefined);
  assert.equal(actionFor('grid', 'q', { ...noKey, ctrl: true }), undefined, 'Ctrl-Q is no quit');
  assert.equal(actionFor('help', 'p', noKey), undefined, 'help only closes');
});

test('? lists every action once, with the keys that work for it, in both languages', () => {
  for (const language of languages) {
    const lines = helpLines(language);
    assert.deepEqual(lines.flatMap((line) => line.actions).sort(), [...actions].sort(), language);
    for (const line of lines) {
      assert.ok(line.meaning.trim(), `${language}: words for ${line.actions}`);
      for (const action of line.actions)
        for (const spec of shownKeys(action))
          assert.ok(
            line.keys.split(/ +/).includes(keyName(spec, language)),
            `${language}: ${spec} on ${line.keys}`,
          );
    }
  }
  const english = helpLines('en-us');
  assert.equal(english.find((line) => line.actions.includes('down'))?.keys, '↑ ↓  k j');
  assert.equal(
    english.find((line) => line.actions.includes('back'))?.keys,
    'Esc  q',
    'keys that work on both screens',
  );
  assert.equal(helpLines('zh-cn').find((line) => line.actions.includes('togglePause'))?.keys, 'p  空格');
});

test('the footer hints come from the keymap: each names a key that does what the hint says on the grid', () => {
  const live = (action: Action) => !isReplayAction(action);
  const replay = (action: Action) =>
    allowed(action, { capabilities: new Set(['seek', 'language'] as const) });
  assert.equal(
    footerHints('en-us', 'grid', live),
    'q quit  p pause  r refresh  l 中文  / filter  s sort  Enter sessions  d details  ? help',
  );
  assert.equal(
    footerHints('en-us', 'grid', (action) => action !== 'drill' && live(action)),
    'q quit  p pause  r refresh  l 中文  / filter  s sort  d details  ? help',
    'without a sessions page',
  );
  assert.equal(
    footerHints('en-us', 'grid', replay),
    'q quit  l 中文  / filter  s sort  d details  space play  ← 10s  [ speed  t time  ? help',
    'a replay: its timeline, no polling keys',
  );
  assert.equal(
    footerHints('zh-cn', 'grid', live),
    'q 退出  p 暂停  r 刷新  l English  / 过滤  s 排序  Enter 会话  d 详情  ? 帮助',
  );
  assert.equal(
    footerHints('en-us', 'drill'),
    'Esc back  p pause  r refresh  l 中文  / filter  s sort  Enter details  Tab tab  n node  K kill',
  );
  // The footer hints the grid's keys, and on the sessions page that page's.
  for (const action of actions) {
    const { hint, keys } = bindings[action];
    if (!hint) continue;
    const screen: Screen = keys.grid ? 'grid' : 'drill';
    const first = keys[screen]?.[0];
    assert.ok(first !== undefined, `${action} has a hint but no key on the grid or the sessions page`);
    assert.equal(actionFor(screen, ...press(first), isReplayAction(action) ? replay : live), action);
  }
});

test('the ? screen and the footer show the keymap in the chosen language', async () => {
  // With --record, so that every action of the keymap is offered.
  const app = renderApp(['alpha'], { width: 100, height: 30 }, { recording: fakeRecording() });
  assert.match(plain(app.lines().at(-1) ?? ''), /q quit {2}p pause .* \? help/);
  await app.press('?');
  let frame = plain(app.frame());
  for (const line of helpLines('en-us', (action) => allowed(action, app.feed)))
    assert.ok(frame.includes(line.meaning), line.meaning);
  assert.match(frame, /q Ctrl-C\s+quit/);
  await app.press('q', 'l', '?');
  frame = plain(app.frame());
  assert.match(frame, /p {2}空格\s+暂停 \/ 继续轮询/);
  assert.match(frame, /Esc {2}q\s+返回（从详情、帮助或会话页）/);
  assert.match(plain(app.lines().at(-1) ?? ''), /q 退出 {2}p 暂停/);
});

test("the README's keys table names every key ? shows", async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Keys'), readme.indexOf('### Thresholds'));
  const named = new Set(
    section
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| key'))
      .flatMap((line) => {
        const cell = line.split('|')[1] ?? '';
        // A key in backticks is named as it stands (`,` too); other words are split at commas.
        const quoted = [...cell.matchAll(/`([^`]+)`/g)].flatMap((match) => (match[1] ?? '').split(/\s+/));
        return [...quoted, ...cell.replace(/`[^`]*`/g, ' ').split(/[\s,()]+/)];
      }),
  );
  for (const action of actions)
    for (const spec of shownKeys(action))
      assert.ok(named.has(keyName(spec, 'en-us')), `${action}: ${keyName(spec, 'en-us')} in the README`);
});
