// Reads a recording's events forward from a seek point, a unit at a time: only the unit being read is
// held, whatever the file's size. Garbage lines are counted and skipped.
import { parseEvent, type RecordingEvent } from './recording-events.js';
import type { RecordingIndex, SeekPoint } from './recording-index.js';
import { type Unit, unitsFrom } from './recording-units.js';

export class EventCursor {
  private readonly units: AsyncGenerator<Unit>;
  private events: RecordingEvent[] = [];
  private next = 0;
  private done = false;
  /** Lines met that were not events. */
  garbage = 0;
  /** Wall time of the last event handed out (the seek point's before any). */
  lastAt: number;

  constructor(index: RecordingIndex, point: SeekPoint) {
    this.units = unitsFrom(index.segments, point.position);
    this.lastAt = point.t;
  }

  /** The events of the next unit, or false at the end of the recording. */
  private async fill(): Promise<boolean> {
    while (this.next >= this.events.length) {
      if (this.done) return false;
      const result = await this.units.next();
      if (result.done) {
        this.done = true;
        return false;
      }
      this.events = [];
      this.next = 0;
      for (const line of result.value.text.split('\n')) {
        if (line === '') continue;
        const event = parseEvent(line);
        if (event) this.events.push(event);
        else this.garbage++;
      }
    }
    return true;
  }

  /**
   * Hands every event up to and including time `until` to `apply`, in the file's order, and stops
   * before the first later one. Resolves to false once the recording has no more events.
   */
  async readUntil(until: number, apply: (event: RecordingEvent) => void): Promise<boolean> {
    while (await this.fill()) {
      const event = this.events[this.next] as RecordingEvent;
      if (event.t > until) return true;
      this.next++;
      this.lastAt = event.t;
      apply(event);
    }
    return false;
  }

  async close(): Promise<void> {
    await this.units.return(undefined);
  }
}
