import type { ReplayMode } from '../config/replay-flags.js';
import { UsageError } from '../config/usage-error.js';
import { openReplay } from '../feed/replay-feed.js';
import { messages } from '../i18n/index.js';
import type { Language } from '../language.js';
import { renderJson } from '../output/json.js';
import { eventLine } from '../output/replay-events.js';
import { allAnswered, buildReport } from '../output/report.js';
import { renderTable } from '../output/table.js';
import { EventCursor } from '../record/event-cursor.js';
import { nextFleet } from '../record/recording-fleet.js';
import { pointBefore, type RecordingIndex } from '../record/recording-index.js';
import { systemClock, systemTimers } from '../time.js';
import { garbageNote, timeFlag } from './replay-open.js';

interface PrintOptions {
  index: RecordingIndex;
  language: Language;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** `replay FILE --once [--at TIME] [--json]`: the state at that time (default the end), as --once prints it. */
export async function printState(
  mode: Extract<ReplayMode, { kind: 'state' }>,
  { index, language, stdout, stderr }: PrintOptions,
): Promise<number> {
  const at = mode.at === undefined ? index.end : timeFlag('--at', mode.at, index, index.start);
  const feed = await openReplay(index, { language, clock: systemClock, timers: systemTimers, at });
  const garbage = feed.replay.getPosition().garbage;
  await feed.replay.close();
  stderr.write(garbageNote(garbage));
  const report = buildReport(feed, new Date(at));
  stdout.write(mode.json ? renderJson(report) : renderTable(report, messages(language), { wide: mode.wide }));
  return allAnswered(report) ? 0 : 1;
}

/** `replay FILE --json [--from TIME] [--to TIME]`: the events in the window, one per line. */
export async function printEvents(
  mode: Extract<ReplayMode, { kind: 'events' }>,
  { index, stdout, stderr }: PrintOptions,
): Promise<number> {
  const from = mode.from === undefined ? index.start : timeFlag('--from', mode.from, index, index.start);
  const to = mode.to === undefined ? index.end : timeFlag('--to', mode.to, index, from);
  if (to < from) throw new UsageError('--to is before --from');
  const point = pointBefore(index, from);
  const cursor = new EventCursor(index, point);
  let fleet = point.fleet;
  let pending = '';
  const flush = () =>
    new Promise<void>((resolve) => {
      if (!pending || stdout.write(pending)) resolve();
      else stdout.once('drain', resolve);
      pending = '';
    });
  try {
    // A minute at a time: output keeps pace with reading, and a window of any size takes little memory.
    for (let until = from - 1, more = true; more && until < to; ) {
      until = Math.min(to, until + 60_000);
      more = await cursor.readUntil(until, (event) => {
        if (event.t >= from) pending += eventLine(event, fleet);
        fleet = nextFleet(fleet, event);
      });
      await flush();
    }
  } finally {
    await cursor.close();
  }
  stderr.write(garbageNote(cursor.garbage));
  return 0;
}
