// Server-Sent Events, split into events as the text arrives. Each chunk is scanned once for the blank
// line that ends an event, and an event's parts are joined once when it is whole: the work grows with
// the bytes received, not with the square of an event's size (a snapshot with history is tens of MB,
// arriving in 64 KB chunks). An event larger than the bound is refused rather than held.

export type EventHandler = (name: string, data: string) => void;

/** One whole event's text (without the blank line that ended it), handed over as name and data. */
function dispatch(block: string, onEvent: EventHandler): void {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0) onEvent(name, data.join('\n'));
}

export class EventParser {
  /** The unfinished event's chunks, not yet joined. */
  private parts: string[] = [];
  private pendingBytes = 0;
  /** Characters looked at so far (scanned for a boundary, or joined into an event): for tests. */
  work = 0;

  constructor(
    private readonly onEvent: EventHandler,
    private readonly maxEventBytes: number,
  ) {}

  /** Takes the next chunk of text; false once an unfinished event is larger than allowed. */
  push(chunk: string): boolean {
    let start = 0;
    // The blank line may straddle two chunks: `…\n` then `\n…`.
    const last = this.parts.at(-1);
    if (last?.endsWith('\n') && chunk.startsWith('\n')) {
      this.parts[this.parts.length - 1] = last.slice(0, -1);
      this.finish();
      start = 1;
    }
    for (let end = chunk.indexOf('\n\n', start); end !== -1; end = chunk.indexOf('\n\n', start)) {
      this.parts.push(chunk.slice(start, end));
      this.finish();
      start = end + 2;
    }
    this.work += chunk.length;
    if (start < chunk.length) {
      const rest = chunk.slice(start);
      this.parts.push(rest);
      this.pendingBytes += Buffer.byteLength(rest);
    }
    return this.pendingBytes <= this.maxEventBytes;
  }

  /** The unfinished event is whole: joined once and handed over. */
  private finish(): void {
    const block = this.parts.length === 1 ? (this.parts[0] ?? '') : this.parts.join('');
    this.parts = [];
    this.pendingBytes = 0;
    this.work += block.length;
    dispatch(block, this.onEvent);
  }
}
