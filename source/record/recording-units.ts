import { type FileHandle, open, stat } from 'node:fs/promises';
import { constants, gunzipSync } from 'node:zlib';

// A recording read as a stream of units: for a plain file, runs of whole lines of about `blockBytes`;
// for gzip, one member each (the recorder writes a complete member per flush). A unit starts where
// reading may start again, so its offset is a seek point. Memory holds one block (or one member) at a
// time, never the file.

/** The header zlib writes for each member (no name, no time, Unix): where a member starts. */
export const memberStart = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);

/** How much of a plain file one read takes. */
const blockBytes = 256 * 1024;

/** One file of a recording: FILE.1 (older) and FILE form one timeline. */
export interface Segment {
  path: string;
  gzip: boolean;
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
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return { path, gzip: bytesRead === 2 && head.equals(memberStart.subarray(0, 2)), size };
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

/** Plain text: blocks cut after their last newline; what follows goes to the next block. */
async function* plainUnits(handle: FileHandle, segment: number, from: number, size: number) {
  let offset = from;
  let buffer = Buffer.alloc(blockBytes);
  while (offset < size) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    if (bytesRead === 0) break;
    const data = buffer.subarray(0, bytesRead);
    const last = data.lastIndexOf(0x0a);
    const atEnd = offset + bytesRead >= size;
    if (last === -1 && !atEnd) {
      // A line longer than a block: read a bigger block from the same place.
      buffer = Buffer.alloc(buffer.length * 2);
      continue;
    }
    const whole = atEnd ? bytesRead : last + 1;
    yield {
      position: { segment, offset },
      ...splitCut(data.subarray(0, whole)),
    } satisfies Unit;
    offset += whole;
  }
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
 * Gzip: members found by their header, each inflated on its own once the next one is in sight. The
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
      yield* segment.gzip ? gzipUnits(handle, index, from, size) : plainUnits(handle, index, from, size);
    } finally {
      await handle.close();
    }
  }
}
