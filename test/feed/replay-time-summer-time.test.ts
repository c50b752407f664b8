// `t`, --at, --from and --to read a clock time on "the day of the recording nearest the replayed
// moment", in local time. Around a daylight-saving change a local day is not 24 hours long: the days are
// counted on the calendar, so the clock time typed is found on each of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';

// Before any date is made: the zone of a user in Berlin (summer time ends on 25 October 2026).
process.env.TZ = 'Europe/Berlin';
const { parseReplayTime } = await import('../../source/feed/replay-time.js');

test('a recording across the end of summer time: 09:00 on its second day is inside it', () => {
  const start = new Date(2026, 9, 25, 10, 0, 0).getTime();
  const end = new Date(2026, 9, 26, 10, 0, 0).getTime();
  const expected = new Date(2026, 9, 26, 9, 0, 0).getTime();
  assert.deepEqual(parseReplayTime('09:00', { start, end }, end), { at: expected });
});

test('the same recording a week later (no change of time) reads 09:00 the same way', () => {
  const start = new Date(2026, 10, 1, 10, 0, 0).getTime();
  const end = new Date(2026, 10, 2, 10, 0, 0).getTime();
  const expected = new Date(2026, 10, 2, 9, 0, 0).getTime();
  assert.deepEqual(parseReplayTime('09:00', { start, end }, end), { at: expected });
});

test('a recording across the start of summer time: 09:00 on its second day is inside it', () => {
  const start = new Date(2026, 2, 28, 10, 0, 0).getTime();
  const end = new Date(2026, 2, 29, 10, 0, 0).getTime();
  const expected = new Date(2026, 2, 29, 9, 0, 0).getTime();
  assert.deepEqual(parseReplayTime('09:00', { start, end }, end), { at: expected });
});
