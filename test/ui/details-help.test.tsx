import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import { plain } from '../helpers/plain.js';
import { renderApp, tick } from '../helpers/ui-fixture.js';

const _rowOf = (lines: string[], name: string) => lines.findIndex((line) => plain(line).includes(name));

// The two pages over the grid: one instance's details and the key help.

afterEach(() => cleanup());

test('Enter opens details with history, latency and the last error with its request id; q and Esc go back', async () => {
  const app = renderApp(['alpha']);
  for (const active of [1, 5, 9]) {
    app.answer(0, { active, total: 20 });
    app.clock.advance(5000);
  }
  app.fail(0, 'APIGW.0308', 429);
  await app.press('\r');
  const frame = plain(app.frame());
  assert.match(frame, /Instance alpha/);
  assert.match(frame, /id\s+alpha-id/);
  assert.match(frame, /latency\s+10 ms/);
  assert.match(frame, /polls\s+3 answered, 1 failed/);
  assert.match(frame, /last error\s+APIGW\.0308 The instance does not exist\./);
  assert.match(frame, /request id\s+req-42/);
  assert.match(frame, /history \(last 3 samples\)/);
  assert.match(frame, /active\s+9\s+\+4\s+▂▅█\s+1–9/);
  await app.press('q');
  assert.match(plain(app.frame()), /INSTANCE/);
  await app.press('d');
  assert.match(plain(app.frame()), /Instance alpha/);
  await app.press('\u001B');
  await tick();
  assert.match(plain(app.frame()), /INSTANCE/);
});

test('details say a refusal in our own words, in the chosen language, with the status', async () => {
  const app = renderApp(['alpha']);
  app.fail(0, 'CREDENTIALS_REFUSED', 401);
  await app.press('\r');
  assert.match(plain(app.frame()), /last error\s+credentials refused \(HTTP 401\): The instance/);
  await app.press('q');
  await app.press('l');
  await app.press('\r');
  const chinese = plain(app.frame());
  assert.match(chinese, /凭证被拒绝 \(HTTP 401\)/);
  assert.match(chinese, /轮询\s+成功 0 次，失败 1 次/);
});

test('? shows every key and the thresholds; Esc, q or ? closes it', async () => {
  const app = renderApp(['alpha'], { width: 100, height: 30 });
  await app.press('?');
  const frame = plain(app.frame());
  for (const expected of [
    /q Ctrl-C\s+quit/,
    /p {2}space\s+pause/,
    /d {2}Enter\s+details/,
    /locks\s+warn ≥ 3\s+CRIT ≥ 10/,
  ])
    assert.match(frame, expected);
  await app.press('?');
  assert.match(plain(app.frame()), /INSTANCE/);
});

test('? says which credentials are used and which are ignored, by name, in both languages', async () => {
  const credentialChoice = { used: 'GAUSSDB_TOKEN', ignored: ['HUAWEICLOUD_SDK_AK'] };
  const app = renderApp(['alpha'], { width: 100, height: 40 }, { credentialChoice });
  await app.press('?');
  assert.match(plain(app.frame()), /credentials\s+GAUSSDB_TOKEN \(ignoring HUAWEICLOUD_SDK_AK\)/);
  await app.press('?');
  await app.press('l');
  await app.press('?');
  assert.match(plain(app.frame()), /凭证\s+GAUSSDB_TOKEN（忽略 HUAWEICLOUD_SDK_AK）/);
});
