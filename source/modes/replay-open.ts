import { type Stats, statSync } from 'node:fs';
import { kindOf } from '../config/read-regular-file.js';
import { UsageError } from '../config/usage-error.js';
import { dateTimeText, parseReplayTime } from '../feed/replay-time.js';
import { NewerFormatError } from '../record/recording-events.js';
import { indexRecording, type RecordingIndex, UnreadableRecording } from '../record/recording-index.js';
import { printable } from '../server-text.js';

/** Files this large say how far reading has come while the index is built. */
const progressFromBytes = 64 * 1024 * 1024;

/**
 * Indexes `path` (and `path.1`) for a replay. What the user must know goes to stderr as a note (a line
 * cut by a crash); what stops the replay is a UsageError naming the file (exit 2).
 */
export async function openRecording(path: string, stderr: NodeJS.WritableStream & { isTTY?: boolean }) {
  const shown = printable(path);
  refuseNonFile(path, shown);
  let progress = '';
  let index: RecordingIndex;
  try {
    index = await indexRecording(path, {
      onProgress(done, total) {
        if (total < progressFromBytes || !stderr.isTTY) return;
        const text = `\rgaussdb-top: reading ${shown} ${Math.floor((done / total) * 100)}%`;
        if (text !== progress) stderr.write(text);
        progress = text;
      },
    });
  } catch (error) {
    if (error instanceof NewerFormatError)
      throw new UsageError(
        `${shown} was written by a newer gaussdb-top (${error.message}): upgrade to replay it`,
      );
    if (error instanceof UnreadableRecording) throw new UsageError(`${shown}: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EISDIR') throw new UsageError(`${shown}: cannot read it (${code})`);
    throw error;
  } finally {
    if (progress) stderr.write('\r\u001B[K');
  }
  if (index.cutLines > 0)
    stderr.write(
      `gaussdb-top: note: ${shown}: skipped ${index.cutLines} line${index.cutLines === 1 ? '' : 's'} cut short (the recorder stopped mid-write)\n`,
    );
  return index;
}

/**
 * A directory, FIFO or device named as the recording: said what it is, not "no such recording" (a
 * missing FILE is fine while FILE.1 exists; the index decides that).
 */
function refuseNonFile(path: string, shown: string): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return;
  }
  if (!stats.isFile())
    throw new UsageError(`${shown} is not a recording: not a regular file (${kindOf(stats)})`);
}

/** A typed time (--at, --from, --to) as a moment of the recording, or a UsageError naming it. */
export function timeFlag(flag: string, text: string, index: RecordingIndex, near: number): number {
  const parsed = parseReplayTime(text, index, near);
  if ('at' in parsed) return parsed.at;
  const value = printable(text);
  if (parsed.problem === 'unreadable')
    throw new UsageError(
      `${flag} ${JSON.stringify(value)} is not a time (03:12, 03:12:40 or 2026-11-28T03:12:40)`,
    );
  throw new UsageError(
    `${flag} ${JSON.stringify(value)} is outside the recording (${dateTimeText(index.start)} to ${dateTimeText(index.end)})`,
  );
}

/** The note about garbage lines, when there were any. */
export function garbageNote(count: number): string {
  return count > 0 ? `gaussdb-top: note: skipped ${count} unreadable line${count === 1 ? '' : 's'}\n` : '';
}
