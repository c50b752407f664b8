import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import type { CredentialStatus, PollerStatus, SourceFault } from '../../source/monitor/snapshot.js';
import { plain } from '../helpers/plain.js';
import { type Fixture, renderApp, tick } from '../helpers/ui-fixture.js';

const names = ['alpha', 'beta', 'gamma'];

afterEach(() => cleanup());

const refused = (app: Fixture, overrides: Partial<CredentialStatus> = {}): CredentialStatus => ({
  kind: 'aksk',
  where: 'gaussdb.cn-north-4.example.com',
  state: 'refused',
  nextTryAt: app.clock.monotonic() + 250_000,
  advice: 'CHECK_AKSK',
  message: 'Incorrect IAM authentication information',
  ...overrides,
});

type Setup = (app: Fixture) => Promise<void> | void;
const paused: Setup = (app) => app.press('p');
const throttled: Setup = (app) => {
  app.store.setStatus({ effectiveRate: 2.5, throttledUntil: app.clock.monotonic() + 30_000 });
};
const credentials: Setup = (app) => app.store.setStatus({ credentials: [refused(app)] });
const allOld: Setup = async (app) => {
  await app.timers.advance(120_000);
};
const discovery: Setup = (app) => {
  const problem: PollerStatus['discovery'][number] = {
    target: 'gaussdb.cn-north-4.example.com 0611f1bd',
    message: 'network error: connect ECONNREFUSED',
    nextTryAt: app.clock.monotonic() + 60_000,
  };
  app.store.setStatus({ discovery: [problem] });
};

/** An attached screen's poller, down since `agoMs`, and why. */
const sourceDown =
  (fault?: SourceFault, agoMs = 7_000): Setup =>
  (app) =>
    app.store.setStatus({
      source: {
        name: '10.0.0.7:9464',
        reachable: false,
        downSince: app.clock.monotonic() - agoMs,
        message: 'why',
        fault,
      },
    });

/** Each state alone, with the words that must open the header's first line in each language. */
const states: [string, Setup, string, string][] = [
  ['paused', paused, '❚❚ PAUSED 0:00', '❚❚ 已暂停 0:00'],
  ['credentials', credentials, 'CREDENTIALS REFUSED, next try in 4m10s', '凭证被拒绝，4m10s 后重试'],
  ['all data old', allOld, 'ALL DATA OLD (2m)', '数据全部过期 (2m)'],
  ['throttled', throttled, 'THROTTLED (429)', '已限流 (429)'],
  ['discovery', discovery, 'DISCOVERY FAILED', '实例发现失败'],
  [
    'poller unreachable',
    sourceDown(),
    '10.0.0.7:9464 UNREACHABLE 7s, reconnecting',
    '10.0.0.7:9464 无法连接 7s，正在重连',
  ],
  [
    'poller refused the token',
    sourceDown({ kind: 'refused', status: 401 }),
    '10.0.0.7:9464 REFUSED THE TOKEN (401) 7s, retrying',
    '10.0.0.7:9464 拒绝了令牌 (401) 7s，稍后重试',
  ],
  [
    'poller full of screens',
    sourceDown({ kind: 'status', status: 503 }),
    '10.0.0.7:9464 BUSY (HTTP 503) 7s, retrying',
    '10.0.0.7:9464 繁忙 (HTTP 503) 7s，稍后重试',
  ],
  [
    'poller address answers 404',
    sourceDown({ kind: 'status', status: 404 }),
    '10.0.0.7:9464 ANSWERED HTTP 404 7s, retrying',
    '10.0.0.7:9464 返回 HTTP 404 7s，稍后重试',
  ],
  [
    'poller sent unreadable data',
    sourceDown({ kind: 'bad-data' }),
    '10.0.0.7:9464 SENT UNREADABLE DATA 7s, reconnecting',
    '10.0.0.7:9464 数据无法读取 7s，正在重连',
  ],
];

async function launch(width: number, setups: Setup[], options: { insecure?: boolean; zh?: boolean } = {}) {
  const app = renderApp(names, { width, height: 14 }, { insecure: options.insecure });
  for (const index of names.keys()) app.answer(index, {});
  if (options.zh) await app.press('l');
  for (const setup of setups) await setup(app);
  await tick();
  return app;
}

describe('states that change what the numbers mean open the first line, at 60 columns', () => {
  for (const [name, setup, english, chinese] of states) {
    test(name, async () => {
      const en = await launch(60, [setup]);
      const first = plain(en.lines()[0] ?? '');
      assert.ok(first.startsWith(english), `starts with ${english}: ${first}`);
      assert.ok(stringWidth(first) <= 60);
      cleanup();
      const zh = await launch(60, [setup], { zh: true });
      const zhFirst = plain(zh.lines()[0] ?? '');
      assert.ok(zhFirst.startsWith(chinese), `starts with ${chinese}: ${zhFirst}`);
      assert.ok(stringWidth(zhFirst) <= 60);
    });
  }
  test('insecure TLS', async () => {
    const en = await launch(60, [], { insecure: true });
    assert.ok(plain(en.lines()[0] ?? '').startsWith('INSECURE TLS'), en.lines()[0]);
    cleanup();
    const zh = await launch(60, [], { insecure: true, zh: true });
    assert.ok(plain(zh.lines()[0] ?? '').startsWith('TLS 未验证'), zh.lines()[0]);
  });
});

test('THROTTLED is no longer cut off at 120 or 80 columns', async () => {
  for (const width of [120, 80]) {
    const app = await launch(width, [throttled]);
    assert.match(plain(app.lines()[0] ?? ''), /^THROTTLED \(429\) {2}3\/3 OK {2}gaussdb-top cn-north-4/);
    cleanup();
  }
});

test('several states: the most important first, in full; the others as they fit', async () => {
  const setups = [throttled, credentials, discovery, paused];
  const wide = await launch(120, setups, { insecure: true });
  const wideFirst = plain(wide.lines()[0] ?? '');
  assert.ok(
    wideFirst.startsWith(
      '❚❚ PAUSED 0:00 CREDENTIALS REFUSED, next try in 4m10s THROTTLED (429) DISCOVERY FAILED INSECURE TLS ',
    ),
    wideFirst,
  );
  cleanup();
  const narrow = await launch(60, setups, { insecure: true });
  const first = plain(narrow.lines()[0] ?? '');
  assert.ok(first.startsWith('❚❚ PAUSED 0:00 CREDS REFUSED 4m10s THROTTLED'), first);
  assert.ok(stringWidth(first) <= 60, first);
  cleanup();
  const zh = await launch(60, setups, { insecure: true, zh: true });
  const zhFirst = plain(zh.lines()[0] ?? '');
  assert.ok(zhFirst.startsWith('❚❚ 已暂停 0:00 凭证被拒 4m10s 限流'), zhFirst);
  assert.ok(stringWidth(zhFirst) <= 60, zhFirst);
});

test('refused credentials: the header says which, where, when the next try is and what to do', async () => {
  const app = renderApp(names, { width: 200, height: 20 });
  app.store.setStatus({
    credentials: [
      {
        kind: 'token',
        where: 'gaussdb.cn-north-4.example.com',
        state: 'refused',
        nextTryAt: null,
        advice: 'TOKEN_FIXED',
        message: 'The token is invalid',
      },
    ],
  });
  for (const index of names.keys()) app.fail(index, 'CREDENTIALS_REFUSED', 401);
  await tick();
  let lines = app.lines().map(plain);
  assert.match(lines[0] ?? '', /^CREDENTIALS REFUSED, not retried {2}0\/3 OK {2}3 ERR/);
  assert.match(
    lines[2] ?? '',
    /^token refused, not retried: GAUSSDB_TOKEN cannot change: use --token-file, AK\/SK or an IAM password instead \(gaussdb\.cn-north-4\.example\.com: The token is invalid\)/,
  );
  assert.match(lines.find((line) => line.includes(' alpha ')) ?? '', /credentials refused \(401\)/);
  assert.doesNotMatch(lines.join('\n'), /HTTP|CREDENTIALS_REFUSED/);

  await app.press('l');
  lines = app.lines().map(plain);
  assert.match(lines[0] ?? '', /^凭证被拒绝，不再重试/);
  assert.match(
    lines[2] ?? '',
    /^令牌被拒绝，不再重试：GAUSSDB_TOKEN 无法更新：请改用 --token-file、AK\/SK 或 IAM 密码（gaussdb\.cn-north-4\.example\.com：The token is invalid）/,
  );
  assert.match(lines.find((line) => line.includes(' alpha ')) ?? '', /凭证被拒绝 \(401\)/);
});

test('the countdown to the next try runs, and a check in progress says so', async () => {
  const app = renderApp(names, { width: 120, height: 20 });
  app.store.setStatus({
    credentials: [
      refused(app),
      refused(app, { kind: 'password', where: 'iam.example.com', advice: 'CHECK_PASSWORD' }),
    ],
  });
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /^CREDENTIALS REFUSED ×2, next try in 4m10s/);
  assert.match(
    plain(app.lines()[2] ?? ''),
    /^AK\/SK refused, next try in 4m10s: check the AK\/SK pair \(gaussdb\.cn-north-4\.example\.com: Incorrect/,
  );
  assert.match(
    plain(app.lines()[3] ?? ''),
    /^IAM password refused, next try in 4m10s: check HW_USER_NAME, HW_DOMAIN_NAME and HW_USER_PASSWORD \(iam\.example\.com: /,
  );
  await app.timers.advance(200_000);
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /^CREDENTIALS REFUSED ×2, next try in 50s/);
  app.store.setStatus({ credentials: [refused(app, { state: 'checking', nextTryAt: null, advice: '' })] });
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /^CHECKING CREDENTIALS NO DATA YET \(3m\) {2}0\/3 OK/);
  assert.match(
    plain(app.lines()[2] ?? ''),
    /^AK\/SK: checking with one request \(gaussdb\.cn-north-4\.example\.com: Incorrect/,
  );
});

test('discovery problems name the target and the error; the grid keeps its rows within the terminal', async () => {
  const app = renderApp(names, { width: 100, height: 10 });
  await discovery(app);
  await tick();
  const lines = app.lines().map(plain);
  assert.equal(lines.length, 10);
  assert.match(
    lines[2] ?? '',
    /^discovery failed for gaussdb\.cn-north-4\.example\.com 0611f1bd, next try in 1m: network error: connec/,
  );
  for (const name of names)
    assert.ok(
      lines.some((line) => line.includes(` ${name} `)),
      `${name} still shown`,
    );
});

test("an attached screen's poller refused: said with other states at 60 columns, never as unreachable", async () => {
  for (const zh of [false, true]) {
    const app = await launch(60, [throttled, sourceDown({ kind: 'refused', status: 403 })], { zh });
    const first = plain(app.lines()[0] ?? '');
    assert.match(
      first,
      zh ? /^10\.0\.0\.7:9464 拒绝了令牌 \(403\) 7s/ : /^10\.0\.0\.7:9464 REFUSED THE TOKEN \(403\) 7s/,
    );
    assert.doesNotMatch(first, /UNREACHABLE|无法连接/);
    assert.ok(stringWidth(first) <= 60, first);
    cleanup();
  }
});

test("the poller's down-age ticks with the screen's clock, with nothing else published", async () => {
  const app = await launch(80, [sourceDown(undefined, 0)]);
  assert.match(plain(app.lines()[0] ?? ''), /^10\.0\.0\.7:9464 UNREACHABLE 0s/);
  await app.timers.advance(3000);
  await tick();
  assert.match(plain(app.lines()[0] ?? ''), /^10\.0\.0\.7:9464 UNREACHABLE 3s/);
});
