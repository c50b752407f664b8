import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { openReplay, type ReplayFeed } from '../../source/feed/replay-feed.js';
import type { Language } from '../../source/language.js';
import { indexRecording } from '../../source/record/recording-index.js';
import { App } from '../../source/ui/App.js';
import { createTheme } from '../../source/ui/theme.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeTimers } from '../helpers/fake-timers.js';
import { syntheticLines, writeRecording } from '../helpers/synthetic-recording.js';
import { tick } from '../helpers/ui-fixture.js';

process.env.TZ = 'UTC';
const { lines, start, end } = syntheticLines({ instances: 5, minutes: 30, failEvery: 9 });
const path = writeRecording(lines);

const right = '\u001B[C';
const left = '\u001B[D';

async function screen(language: Language = 'en-us', size = { width: 80, height: 24 }) {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const feed: ReplayFeed = await openReplay(await indexRecording(path), {
    language,
    clock,
    timers,
    at: start + 5 * 60_000,
  });
  const ui = render(
    <App
      feed={feed}
      width={size.width}
      height={size.height}
      clock={clock}
      timers={timers}
      theme={createTheme(false)}
      thresholds={feed.thresholds}
      target="fleet.ndjson"
    />,
  );
  const settle = async () => {
    await feed.replay.settled();
    await tick();
  };
  const press = async (...inputs: string[]) => {
    for (const input of inputs) {
      ui.stdin.write(input);
      await tick();
      await settle();
    }
  };
  const frame = () => ui.lastFrame() ?? '';
  return { feed, ui, clock, timers, press, frame, settle, lines: () => frame().split('\n') };
}

describe('the replay screen at 80x24', () => {
  test('the header says REPLAY and the replayed time, never LIVE; the frame fits', async () => {
    const s = await screen();
    const [first] = s.lines();
    assert.match(first ?? '', /^ REPLAY 03:05:00 /);
    assert.doesNotMatch(s.frame(), /LIVE/);
    assert.ok(s.lines().length <= 24);
    assert.ok(s.lines().every((line) => stringWidth(line) <= 80));
    // The timeline: paused at 1x, between the recording's ends, with the date.
    assert.match(s.frame(), /paused 1x {2}03:00:00 .* 03:29:55 {2}2026-11-28 03:05:00/);
    s.ui.unmount();
  });

  test('→ and . step 10 s, ← and , back; g and G go to the ends', async () => {
    const s = await screen();
    await s.press(right);
    assert.match(s.lines()[0] ?? '', /REPLAY 03:05:10/);
    await s.press('.', '.');
    assert.match(s.lines()[0] ?? '', /REPLAY 03:05:30/);
    await s.press(left, ',');
    assert.match(s.lines()[0] ?? '', /REPLAY 03:05:10/);
    await s.press('G');
    assert.equal(s.feed.replay.getPosition().at, end);
    assert.match(s.lines()[0] ?? '', /REPLAY 03:29:55/);
    await s.press('g');
    assert.equal(s.feed.replay.getPosition().at, start);
    s.ui.unmount();
  });

  test('space plays at the speed [ and ] set, and pauses', async () => {
    const s = await screen();
    await s.press(']', ']');
    assert.match(s.frame(), /paused 4x/);
    await s.press(' ');
    assert.match(s.frame(), /playing 4x/);
    await s.timers.advance(5_000);
    await s.settle();
    assert.match(s.lines()[0] ?? '', /REPLAY 03:05:20/);
    await s.press(' ');
    await s.timers.advance(5_000);
    await s.settle();
    assert.match(s.lines()[0] ?? '', /REPLAY 03:05:20/);
    assert.match(s.frame(), /paused 4x/);
    await s.press('[', '[', '[', '[', '[');
    assert.match(s.frame(), /paused 1\/4x/);
    s.ui.unmount();
  });

  test('t takes a typed time: Enter jumps there, a bad one is said, Esc cancels', async () => {
    const s = await screen();
    await s.press('t');
    assert.match(s.frame(), /go to time: /);
    await s.press(...'03:12:40', '\r');
    assert.match(s.lines()[0] ?? '', /REPLAY 03:12:40/);
    await s.press('t', ...'9:99', '\r');
    assert.match(s.frame(), /not a time: 9:99/);
    assert.match(s.lines()[0] ?? '', /REPLAY 03:12:40/);
    await s.press('t', ...'05:00', '\r');
    assert.match(s.frame(), /05:00 is outside the recording/);
    await s.press('t', '1', '\u001B');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await s.settle();
    assert.doesNotMatch(s.frame(), /go to time/);
    assert.match(s.lines()[0] ?? '', /REPLAY 03:12:40/);
    s.ui.unmount();
  });

  test('rows still move with j/k; sorting, filter, details with history and help work', async () => {
    const s = await screen();
    const selected = () => s.lines().find((line) => line.startsWith('›')) ?? '';
    const firstRow = selected();
    await s.press('j');
    assert.notEqual(selected(), firstRow);
    await s.press('s');
    assert.match(s.frame(), /sort: name/);
    await s.press('/', ...'db-3', '\r');
    assert.match(s.frame(), /1 of 5 shown/);
    await s.press('d');
    assert.match(s.frame(), /history \(last 60 samples\)/);
    await s.press('q', '?');
    const help = s.frame();
    assert.match(help, /replay: play \/ pause/);
    assert.match(help, /replay: 10 s back \/ forward/);
    assert.doesNotMatch(help, /pause \/ resume polling|refresh every instance|longer \/ shorter interval/);
    s.ui.unmount();
  });

  test('l switches to Chinese: 回放 and the timeline in Chinese, within 60 columns too', async () => {
    const s = await screen('en-us', { width: 60, height: 24 });
    await s.press('l');
    assert.match(s.lines()[0] ?? '', /^ 回放 03:05:00 /);
    assert.match(s.frame(), /已暂停 1x/);
    assert.ok(s.lines().every((line) => stringWidth(line) <= 60));
    s.ui.unmount();
    const zh = await screen('zh-cn', { width: 80, height: 24 });
    assert.match(zh.lines()[0] ?? '', /^ 回放 03:05:00 /);
    assert.doesNotMatch(zh.frame(), /实时/);
    zh.ui.unmount();
  });

  test('at 60 columns in English the mark and the time still show', async () => {
    const s = await screen('en-us', { width: 60, height: 24 });
    assert.match(s.lines()[0] ?? '', /^ REPLAY 03:05:00 /);
    assert.ok(s.lines().every((line) => stringWidth(line) <= 60));
    s.ui.unmount();
  });
});
