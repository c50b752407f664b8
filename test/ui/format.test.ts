import assert from 'node:assert/strict';
import { test } from 'node:test';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import {
  fit,
  formatAge,
  formatCountdown,
  formatPaused,
  nextAgeChangeMs,
  nextPauseStepMs,
} from '../../source/ui/format.js';

test('countdowns round up, so the next try never comes later than said', () => {
  assert.equal(formatCountdown(250_000), '4m10s');
  assert.equal(formatCountdown(249_001), '4m10s');
  assert.equal(formatCountdown(300_000), '5m');
  assert.equal(formatCountdown(46_000), '50s');
  assert.equal(formatCountdown(1), '5s');
  assert.equal(formatCountdown(2 * 3_600_000 + 4 * 60_000 + 1), '2h05m');
});

test('a pause is counted every 5 s for a minute, then every minute', () => {
  assert.deepEqual([0, 4_999, 5_000, 59_999, 60_000, 119_999, 3_600_000 + 61_000].map(formatPaused), [
    '0:00',
    '0:00',
    '0:05',
    '0:55',
    '1:00',
    '1:00',
    '1:01:00',
  ]);
  assert.deepEqual(
    [0, 5_000, 55_000, 60_000, 61_000].map(nextPauseStepMs),
    [5_000, 10_000, 60_000, 120_000, 120_000],
  );
});

test('the screen wakes exactly when an age label changes', () => {
  for (const ms of [0, 999, 9_500, 12_000, 59_000, 61_000, 3_599_000, 47 * 3_600_000 + 5]) {
    const next = nextAgeChangeMs(ms);
    assert.notEqual(formatAge(next), formatAge(ms), `${ms} -> ${next}`);
    assert.equal(formatAge(next - 1), formatAge(ms), `nothing changes before ${next} (from ${ms})`);
  }
});

test('fit: plain ASCII is cut and padded exactly as measuring every cell would', () => {
  const measured = (text: string, width: number, align: 'left' | 'right', ellipsis: string) => {
    const cut =
      stringWidth(text) > width
        ? cliTruncate(text, width, { position: 'end', truncationCharacter: ellipsis })
        : text;
    const gap = ' '.repeat(Math.max(0, width - stringWidth(cut)));
    return align === 'right' ? gap + cut : cut + gap;
  };
  for (const text of ['', 'a', 'abc', 'SELECT 1 FROM t', 'x'.repeat(50), ' lead', 'trail '])
    for (let width = 1; width < 60; width++)
      for (const align of ['left', 'right'] as const)
        for (const ellipsis of ['…', '~'])
          assert.equal(
            fit(text, width, align, ellipsis),
            measured(text, width, align, ellipsis),
            `${text} ${width} ${align}`,
          );
  assert.equal(fit('会话数', 5), '会话…', 'wide text still measured');
});
