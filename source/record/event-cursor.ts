// Reads a recording's events forward from a seek point, a unit at a time: only the unit being read is
// held, whatever the file's size. Lines are read where they lie in the unit's bytes, as they are
// needed; answers, most of them, without a string or an object each (`visitUntil`). Garbage lines are
// counted and skipped.
import { scanAnswer, scanned } from './answer-scan.js';
import { parseEvent, type RecordingEvent } from './recording-events.js';
import type { RecordingIndex, SeekPoint } from './recording-index.js';
import { type Unit, unitsFrom } from './recording-units.js';

/** What `visitUntil` hands out: answers as numbers, every other event as it is parsed. */
export interface EventVisitor {
  /** `counts` in the session's metric order; it is reused for the next answer, so read it now. */
  answer(t: number, i: number, counts: ArrayLike<number>, ms: number | null): void;
  event(event: Exclude<RecordingEvent, { kind: 'answer' }>): void;
}

export class EventCursor {
  private readonly units: AsyncGenerator<Unit>;
  private bytes: Buffer = Buffer.alloc(0);
  /** Where the next line of `bytes` starts. */
  private at = 0;
  private done = false;
  private readonly answer = new Float64Array(scanned.length);
  /** Lines met that were not events. */
  garbage = 0;
  /** Wall time of the last event handed out (the seek point's before any). */
  lastAt: number;

  constructor(index: RecordingIndex, point: SeekPoint) {
    this.units = unitsFrom(index.segments, point.position);
    this.lastAt = point.t;
  }

  /** A unit with lines left to read, or false at the end of the recording. */
  private async fill(): Promise<boolean> {
    while (this.at >= this.bytes.length) {
      if (this.done) return false;
      const result = await this.units.next();
      if (result.done) {
        this.done = true;
        this.bytes = Buffer.alloc(0);
        return false;
      }
      this.bytes = result.value.bytes;
      this.at = 0;
      // Lines too long to be events, skipped where they lay.
      this.garbage += result.value.skipped;
    }
    return true;
  }

  /**
   * Hands every event up to and including time `until` to `visitor`, in the file's order, and stops
   * before the first later one. Resolves to false once the recording has no more events.
   */
  async visitUntil(until: number, visitor: EventVisitor): Promise<boolean> {
    const answer = this.answer;
    const counts = answer.subarray(scanned.counts, scanned.counts + 4);
    while (await this.fill()) {
      const bytes = this.bytes;
      while (this.at < bytes.length) {
        const start = this.at;
        const answerEnd = scanAnswer(bytes, start, answer);
        if (answerEnd !== -1) {
          const t = answer[scanned.t] as number;
          if (t > until) return true;
          this.at = answerEnd + 1;
          this.lastAt = t;
          const ms = answer[scanned.ms] as number;
          visitor.answer(t, answer[scanned.i] as number, counts, ms < 0 ? null : ms);
          continue;
        }
        const newline = bytes.indexOf(0x0a, start);
        const end = newline === -1 ? bytes.length : newline;
        if (end === start) {
          this.at = end + 1;
          continue;
        }
        const event = parseEvent(bytes.toString('utf8', start, end));
        if (event === null) {
          this.garbage++;
          this.at = end + 1;
          continue;
        }
        // Read again next time: lines other than answers are few.
        if (event.t > until) return true;
        this.at = end + 1;
        this.lastAt = event.t;
        if (event.kind === 'answer') visitor.answer(event.t, event.i, event.counts, event.ms);
        else visitor.event(event);
      }
    }
    return false;
  }

  /** As `visitUntil`, every event as an object. */
  readUntil(until: number, apply: (event: RecordingEvent) => void): Promise<boolean> {
    return this.visitUntil(until, {
      answer: (t, i, counts, ms) => apply({ kind: 'answer', t, i, counts: Array.from(counts), ms }),
      event: apply,
    });
  }

  async close(): Promise<void> {
    await this.units.return(undefined);
  }
}
