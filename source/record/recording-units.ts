import { type FileHandle, open, stat } from 'node:fs/promises';
import { constants, createGunzip, gunzipSync } from 'node:zlib';

// A recording read as a stream of units: for a plain file, runs of whole lines of about `blockBytes`;
// for the recorder's gzip, one member each (it writes a complete member per flush). A unit starts where
// reading may start again, so its offset is a seek point. Memory holds one block (or one member) at a
// time, never the file. Gzip written by anything else (gzip(1), logrotate's compress, Python) is one
// stream whose members' headers vary: it is read as text through one inflater, its offsets counted in
// the text, so a seek there reads the file again from its start (slower, still right).

/** The header zlib writes for each member (no name, no time, Unix): where a recorder's member starts. */
export const memberStart = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
/** Any gzip file starts with these (RFC 1952). */
const gzipMagic = memberStart.subarray(0, 2);

/** How much of a plain file one read takes. */
const blockBytes = 256 * 1024;

/**
 * The longest line kept: far above any event the recorder writes (a session line of a large fleet is
 * tens of kilobytes). A longer one is skipped and counted with the garbage, so a damaged or foreign file
 * cannot make a buffer grow without end.
 */
export const lineCapBytes = 1024 * 1024;

/** How a file of the timeline is read: text, the recorder's gzip members, or any other gzip. */
export type SegmentKind = 'plain' | 'members' | 'stream';

/** One file of a recording: FILE.1 (older) and FILE form one timeline. */
export interface Segment {
  path: string;
  kind: SegmentKind;
  size: number;
}

/** Where reading can start: a file of the timeline and a byte offset in it. */
export interface Position {
  segment: number;
  offset: number;
}

export interface Unit {
  position: Position;
  /**
   * Whole lines, each ending in `\n`, as UTF-8 bytes: read where they lie (an index only looks for a
   * few lines, a jump scans answers as bytes), never decoded whole. Valid until the next unit is asked
   * for: a plain file's block is read into the same memory each time.
   */
  bytes: Buffer;
  /** The unit ended in a line without its `\n` (the writer stopped in the middle of it): skipped. */
  cut: boolean;
  /** Lines longer than `lineCapBytes` skipped just before this unit's bytes. */
  skipped: number;
  /** How far into the segment's file reading has got (for progress: a stream's offsets are not bytes of the file). */
  readTo: number;
}

async function segmentOf(path: string): Promise<Segment | null> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return null;
    size = info.size;
  } catch {
    return null;
  }
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(memberStart.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const kind: SegmentKind =
      bytesRead < gzipMagic.length || !head.subarray(0, 2).equals(gzipMagic)
        ? 'plain'
        : head.subarray(0, bytesRead).equals(memberStart.subarray(0, bytesRead))
          ? 'members'
          : 'stream';
    return { path, kind, size };
  } finally {
    await handle.close();
  }
}

/** FILE.1 then FILE, those that exist; an error names FILE when neither does. */
export async function openSegments(path: string): Promise<Segment[]> {
  const found = await Promise.all([segmentOf(`${path}.1`), segmentOf(path)]);
  return found.filter((segment): segment is Segment => segment !== null);
}

function splitCut(data: Buffer): { bytes: Buffer; cut: boolean } {
  const end = data.lastIndexOf(0x0a) + 1;
  return { bytes: data.subarray(0, end), cut: end < data.length };
}

/**
 * Whole lines out of a file's text arriving in chunks, a block at a time, in one buffer reused (grown
 * to `lineCapBytes` at most for a long line). `from` is the text offset of the first chunk's first byte.
 */
async function* lineUnits(
  chunks: AsyncIterable<Buffer>,
  segment: number,
  from: number,
  readTo: () => number,
): AsyncGenerator<Unit> {
  let buffer = Buffer.alloc(blockBytes);
  let length = 0;
  /** The text offset of `buffer[0]`. */
  let heldAt = from;
  /** Inside a line over the cap: its bytes are dropped up to its newline. */
  let skipping = false;
  let skipped = 0;
  for await (const chunk of chunks) {
    let at = 0;
    while (at < chunk.length) {
      if (skipping) {
        const newline = chunk.indexOf(0x0a, at);
        const end = newline === -1 ? chunk.length : newline + 1;
        heldAt += end - at;
        at = end;
        if (newline !== -1) [skipping, skipped] = [false, skipped + 1];
        continue;
      }
      const take = Math.min(chunk.length - at, buffer.length - length);
      chunk.copy(buffer, length, at, at + take);
      length += take;
      at += take;
      if (length < buffer.length) continue;
      const last = buffer.lastIndexOf(0x0a, length - 1);
      if (last === -1 && buffer.length < lineCapBytes) {
        // A line longer than a block: room for it, up to the cap.
        const larger = Buffer.alloc(Math.min(buffer.length * 2, lineCapBytes));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      } else if (last === -1) {
        heldAt += length;
        length = 0;
        skipping = true;
      } else {
        yield {
          position: { segment, offset: heldAt },
          bytes: buffer.subarray(0, last + 1),
          cut: false,
          skipped,
          readTo: readTo(),
        };
        skipped = 0;
        buffer.copy(buffer, 0, last + 1, length);
        length -= last + 1;
        heldAt += last + 1;
      }
    }
  }
  // A file ending inside a line over the cap: that line is skipped too.
  if (skipping) skipped++;
  if (length > 0 || skipped > 0)
    yield {
      position: { segment, offset: heldAt },
      ...splitCut(buffer.subarray(0, length)),
      skipped,
      readTo: readTo(),
    };
}

/** Plain text from `from` to `size`, a block per read into the same memory. */
function plainUnits(handle: FileHandle, segment: number, from: number, size: number) {
  let offset = from;
  async function* blocks() {
    const block = Buffer.alloc(blockBytes);
    while (offset < size) {
      const { bytesRead } = await handle.read(block, 0, Math.min(block.length, size - offset), offset);
      if (bytesRead === 0) return;
      offset += bytesRead;
      yield block.subarray(0, bytesRead);
    }
  }
  return lineUnits(blocks(), segment, from, () => offset);
}

/**
 * Gzip from any writer: the whole file through one inflater (which reads every header RFC 1952 allows
 * and members one after another), the text before `from` dropped. A stream cut short or damaged is read
 * as far as it goes.
 */
function streamUnits(handle: FileHandle, segment: number, from: number, size: number) {
  let read = 0;
  async function* text() {
    const file = handle.createReadStream({ start: 0, end: Math.max(0, size - 1), autoClose: false });
    file.on('data', (chunk) => {
      read += chunk.length;
    });
    const inflater = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    file.on('error', (error) => inflater.destroy(error));
    file.pipe(inflater);
    let dropped = 0;
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        const drop = Math.min(chunk.length, from - dropped);
        dropped += drop;
        if (drop < chunk.length) yield chunk.subarray(drop);
      }
    } catch {
      // Damaged past this point: what came before stands.
    } finally {
      file.unpipe(inflater);
      file.destroy();
      inflater.destroy();
    }
  }
  return lineUnits(text(), segment, from, () => read);
}

/** A member's bytes; one cut short by a crash is read as far as it goes. */
function inflate(member: Buffer): Buffer {
  try {
    return gunzipSync(member, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    // Not gzip after all (the header's bytes inside compressed data) or damaged: nothing to read.
    return Buffer.alloc(0);
  }
}

/**
 * The recorder's gzip: members found by their header, each inflated on its own once the next one is in sight. The
 * compressed bytes are read into one buffer, reused: a member not yet whole moves to its front.
 */
async function* gzipUnits(handle: FileHandle, segment: number, from: number, size: number) {
  let data = Buffer.alloc(2 * blockBytes);
  /** Bytes held in `data`, read from the file at `heldAt`. */
  let length = 0;
  let heldAt = from;
  let readAt = from;
  const unit = (start: number, end: number): Unit => ({
    position: { segment, offset: heldAt + start },
    ...splitCut(inflate(data.subarray(start, end))),
    skipped: 0,
    readTo: heldAt + end,
  });
  /** Keeps the bytes from `start` on, at the front. */
  const keepFrom = (start: number) => {
    data.copy(data, 0, start, length);
    length -= start;
    heldAt += start;
  };
  while (true) {
    if (data.length - length < blockBytes) {
      // A member larger than what is held so far: room for it and a block more.
      const larger = Buffer.alloc(data.length * 2);
      data.copy(larger, 0, 0, length);
      data = larger;
    }
    const { bytesRead } =
      readAt < size ? await handle.read(data, length, blockBytes, readAt) : { bytesRead: 0 };
    readAt += bytesRead;
    length += bytesRead;
    const atEnd = bytesRead === 0;
    const held = data.subarray(0, length);
    let start = held.indexOf(memberStart);
    if (start === -1) {
      if (atEnd) return;
      // A header may straddle two reads: its first bytes stay for the next.
      keepFrom(Math.max(0, length - (memberStart.length - 1)));
      continue;
    }
    for (
      let next = held.indexOf(memberStart, start + 1);
      next !== -1;
      next = held.indexOf(memberStart, start + 1)
    ) {
      yield unit(start, next);
      start = next;
    }
    // The last member may go on in the next read.
    if (atEnd) {
      yield unit(start, length);
      return;
    }
    keepFrom(start);
  }
}

/** Every unit from `position` to the end of the timeline, in order. */
export async function* unitsFrom(segments: readonly Segment[], position: Position): AsyncGenerator<Unit> {
  for (let index = position.segment; index < segments.length; index++) {
    const segment = segments[index] as Segment;
    const from = index === position.segment ? position.offset : 0;
    const handle = await open(segment.path, 'r');
    try {
      // The size as it is now: a recording still being written grows while it is read.
      const { size } = await handle.stat();
      const units = { plain: plainUnits, members: gzipUnits, stream: streamUnits }[segment.kind];
      yield* units(handle, index, from, size);
    } finally {
      await handle.close();
    }
  }
}
