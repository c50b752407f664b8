import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import type { Capability } from '../../source/feed/feed.js';
import { allowed } from '../../source/ui/capabilities.js';
import { plain } from '../helpers/plain.js';
import { liveCapabilities, renderApp } from '../helpers/ui-fixture.js';

// A view offers only what its feed can do: a replay cannot change the interval, a remote feed cannot
// pause the poller it shares. Keys for the rest do nothing, and neither the footer nor help offer them.

const size = { width: 140, height: 30 };
const footer = (app: ReturnType<typeof renderApp>) => plain(app.lines().at(-1) ?? '');

afterEach(() => cleanup());

const withoutPauseAndInterval = liveCapabilities.filter(
  (capability) => capability !== 'pause' && capability !== 'interval',
);

test('a feed that cannot pause or change the interval: p, space, +, -, =, _ do nothing', async () => {
  const app = renderApp(['db-1', 'db-2'], size, { capabilities: withoutPauseAndInterval });
  for (const index of [0, 1]) app.answer(index, {});
  await app.press('p', ' ', '+', '=', '-', '_');
  assert.deepEqual(app.calls, []);
  assert.equal(app.store.getSnapshot().status.paused, false);
  assert.doesNotMatch(plain(app.lines()[0] ?? ''), /PAUSED/);
  await app.press('r', 'l');
  assert.deepEqual(app.calls, ['refreshNow', 'setLanguage:zh-cn'], 'what it can do still works');
});

test('a feed that cannot pause or change the interval: neither footer nor help offers them', async () => {
  const app = renderApp(['db-1'], size, { capabilities: withoutPauseAndInterval });
  app.answer(0, {});
  assert.doesNotMatch(footer(app), /\bp pause\b/);
  assert.match(footer(app), /q quit {2}r refresh {2}l 中文/, footer(app));
  await app.press('?');
  const help = plain(app.frame());
  assert.doesNotMatch(help, /pause \/ resume polling/);
  assert.doesNotMatch(help, /longer \/ shorter interval/);
  assert.match(help, /refresh every instance now/);
  await app.press('q', 'l', '?');
  const chinese = plain(app.frame());
  assert.doesNotMatch(chinese, /暂停 \/ 继续轮询|轮询间隔/);
  assert.match(chinese, /立即刷新所有实例/);
});

test('the live poller offers every key: footer and help name pause and the interval', async () => {
  const app = renderApp(['db-1'], size);
  app.answer(0, {});
  assert.match(footer(app), /p pause/);
  await app.press('?');
  const help = plain(app.frame());
  assert.match(help, /pause \/ resume polling/);
  assert.match(help, /longer \/ shorter interval/);
  await app.press('q', '+');
  assert.deepEqual(app.calls, ['stepInterval:1']);
});

test('a feed that accepts no command (one still round): only looking around works', async () => {
  const app = renderApp(['db-1', 'db-2'], size, { capabilities: [] });
  for (const index of [0, 1]) app.answer(index, {});
  await app.press('p', 'r', 'l', '+', '-', 'j');
  assert.deepEqual(app.calls, []);
  assert.match(plain(app.frame()), /› db-2/, 'j still moves');
  assert.match(footer(app), /^sort: .*q quit {2}\/ filter/);
});

test('allowed: the actions that need a capability, and the ones any feed serves', () => {
  const feed = (...capabilities: Capability[]) => ({ capabilities: new Set(capabilities) });
  assert.equal(allowed('togglePause', feed()), false);
  assert.equal(allowed('togglePause', feed('pause')), true);
  assert.equal(allowed('intervalUp', feed('pause', 'refresh', 'language')), false);
  assert.equal(allowed('intervalDown', feed('interval')), true);
  assert.equal(allowed('refresh', feed('interval')), false);
  assert.equal(allowed('toggleLanguage', feed('language')), true);
  for (const always of ['quit', 'up', 'details', 'filter', 'nextSort', 'help', 'copy'] as const)
    assert.equal(allowed(always, feed()), true, always);
});

test('details name the endpoint each instance is reached at, carried by the instance itself', async () => {
  const app = renderApp(['db-1', 'db-2'], size, {
    endpoints: ['https://gaussdb.cn-north-4.example.com', 'https://gaussdb.ap-southeast-1.example.com'],
  });
  for (const index of [0, 1]) app.answer(index, {});
  await app.press('j', 'd');
  assert.match(plain(app.frame()), /endpoint\s+https:\/\/gaussdb\.ap-southeast-1\.example\.com/);
  await app.press('q', 'k', 'd');
  assert.match(plain(app.frame()), /endpoint\s+https:\/\/gaussdb\.cn-north-4\.example\.com/);
});
