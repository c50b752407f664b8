import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { fakeRecording, renderApp, tick } from '../helpers/ui-fixture.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping colours from frames
const plain = (text: string) => text.replace(/\u001B\[[0-9;]*m/g, '');
const names = ['alpha', 'beta'];

afterEach(() => cleanup());

async function launch(width: number, recording?: ReturnType<typeof fakeRecording>, zh = false, height = 12) {
  const app = renderApp(names, { width, height }, recording ? { recording } : {});
  for (const index of names.keys()) app.answer(index, {});
  if (zh) await app.press('l');
  await tick();
  return app;
}

test('recording: ● REC in the header; R stops it (the footer says so) and starts it again', async () => {
  const recording = fakeRecording();
  const app = await launch(120, recording);
  assert.match(plain(app.lines()[0] ?? ''), /● LIVE {2}● REC/);
  await app.press('R');
  assert.equal(recording.toggles, 1);
  assert.doesNotMatch(plain(app.lines()[0] ?? ''), /REC/);
  assert.match(plain(app.lines().at(-1) ?? ''), /recording stopped \(R resumes\)/);
  await app.press('R');
  assert.match(plain(app.lines()[0] ?? ''), /● REC/);
  assert.match(plain(app.lines().at(-1) ?? ''), /recording resumed/);
  // In details too.
  await app.press('d', 'R');
  assert.equal(recording.toggles, 3);
});

test('without --record: no mark, R does nothing and help does not offer it', async () => {
  const app = await launch(120, undefined, false, 40);
  await app.press('R');
  assert.doesNotMatch(app.frame(), /REC|recording/);
  await app.press('?');
  assert.doesNotMatch(app.frame(), /recording/);
  cleanup();
  const recorded = await launch(120, fakeRecording(), false, 40);
  await recorded.press('?');
  assert.match(plain(recorded.frame()), /R +stop \/ resume recording/);
});

test('a failed write: REC FAILED and the reason open the first line, at 60 columns, in both languages', async () => {
  const recording = fakeRecording({ state: 'failed', problem: 'diskFull', code: 'ENOSPC' });
  const en = await launch(60, recording);
  const first = plain(en.lines()[0] ?? '');
  assert.ok(first.startsWith('REC FAILED: disk full (ENOSPC)  2/2 OK'), first);
  assert.ok(stringWidth(first) <= 60);
  // Polling goes on: rows are drawn as always.
  assert.ok(en.lines().some((line) => line.includes(' alpha ')));
  cleanup();
  const zh = await launch(60, recording, true);
  const zhFirst = plain(zh.lines()[0] ?? '');
  assert.ok(zhFirst.startsWith('录制失败：磁盘已满 (ENOSPC)'), zhFirst);
  assert.ok(stringWidth(zhFirst) <= 60);
  // Back to work: the state goes and the mark returns.
  recording.set({ state: 'on' });
  await tick();
  assert.match(plain(zh.lines()[0] ?? ''), /● 录制/);
});

test('REC FAILED behind what changes the numbers: abbreviated when the line is short', async () => {
  const recording = fakeRecording({ state: 'failed', problem: 'permission', code: 'EACCES' });
  const app = await launch(60, recording);
  await app.press('p');
  const first = plain(app.lines()[0] ?? '');
  assert.ok(first.startsWith('❚❚ PAUSED 0:00 REC FAILED'), first);
  assert.ok(stringWidth(first) <= 60);
});
