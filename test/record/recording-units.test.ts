// A recording is read a unit at a time (a block of a plain file, a gzip member) into memory that is
// reused. Units larger than a read, and member headers split between two reads, must still give back
// every line once, in order, whatever the sizes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { openSegments, unitsFrom } from '../../source/record/recording-units.js';
import { writeRecording } from '../helpers/synthetic-recording.js';

/** Every line the units hold, in order. */
async function linesOf(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const unit of unitsFrom(await openSegments(path), { segment: 0, offset: 0 }))
    lines.push(...unit.bytes.toString('utf8').split('\n').filter(Boolean));
  return lines;
}

/** Lines of very different lengths: some longer than a read (256 KiB), hard to compress. */
function mixedLines(): string[] {
  return Array.from({ length: 400 }, (_, index) => {
    const size = index % 97 === 0 ? 700_000 : (index * 7919) % 3000;
    return `${JSON.stringify({ t: index, noise: randomBytes(size).toString('base64') })}\n`;
  });
}

for (const gzip of [false, true]) {
  test(`${gzip ? 'gzip members' : 'plain blocks'} larger than a read give back every line once, in order`, async () => {
    const lines = mixedLines();
    const path = writeRecording([], { gzip });
    // Members of every size: 1 to 40 lines, so headers fall anywhere in a read.
    if (gzip) {
      const members: Buffer[] = [];
      for (let at = 0, size = 1; at < lines.length; at += size, size = (size * 13) % 40 || 1)
        members.push(gzipSync(lines.slice(at, at + size).join('')));
      writeFileSync(path, Buffer.concat(members));
    } else writeFileSync(path, lines.join(''));
    assert.deepEqual(
      await linesOf(path),
      lines.map((line) => line.slice(0, -1)),
    );
  });
}
