// A recording is read a unit at a time (a block of a plain file, a gzip member) into memory that is
// reused. Units larger than a read, and member headers split between two reads, must still give back
// every line once, in order, whatever the sizes; gzip from other writers too; a line no event could be
// is skipped and counted, never held.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { crc32, gzipSync } from 'node:zlib';
import { lineCapBytes, openSegments, unitsFrom } from '../../source/record/recording-units.js';
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

/**
 * `text` as one gzip member whose header carries what other writers put there (RFC 1952): a name, a
 * time, an extra field, a comment and the header's own CRC, unlike the bare header zlib writes.
 */
function foreignGzip(text: string): Buffer {
  const body = gzipSync(text).subarray(10);
  // XLEN, then one subfield: its id, its length, its bytes.
  const extra = Buffer.from([0x06, 0x00, 0x41, 0x70, 0x02, 0x00, 0x01, 0x02]);
  const header = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 0x08, 0x04 | 0x08 | 0x10 | 0x02, 0x78, 0x56, 0x34, 0x12, 0x02, 0xff]),
    extra,
    Buffer.from('fleet.ndjson\0fleet of 28 November\0'),
  ]);
  const crc = Buffer.alloc(2);
  crc.writeUInt16LE(crc32(header) & 0xffff);
  return Buffer.concat([header, crc, body]);
}

test('gzip with a name, time, extra field, comment and header CRC gives back every line, and seeks', async () => {
  const lines = mixedLines();
  const path = writeRecording([], { gzip: true });
  writeFileSync(path, foreignGzip(lines.join('')));
  const segments = await openSegments(path);
  assert.equal(segments[0]?.kind, 'stream');
  assert.deepEqual(
    await linesOf(path),
    lines.map((line) => line.slice(0, -1)),
  );
  // A unit's position, read from again, gives the lines from that unit on.
  const positions = [];
  for await (const unit of unitsFrom(segments, { segment: 0, offset: 0 })) positions.push(unit.position);
  const middle = positions[Math.floor(positions.length / 2)];
  assert.ok(middle && middle.offset > 0);
  const after: string[] = [];
  for await (const unit of unitsFrom(segments, middle))
    after.push(...unit.bytes.toString('utf8').split('\n').filter(Boolean));
  const all = lines.map((line) => line.slice(0, -1));
  assert.deepEqual(after, all.slice(all.length - after.length));
  assert.ok(after.length > 0 && after.length < all.length);
});

for (const kind of ['plain', 'stream'] as const) {
  test(`${kind}: a line over the cap is skipped and counted, the lines after it read`, async () => {
    const before = ['{"t":1}\n', '{"t":2}\n'];
    const after = ['{"t":3}\n', '{"t":4}\n'];
    // Two caps and a bit, then its end: longer than any buffer may grow.
    const huge = `${'x'.repeat(2 * lineCapBytes + 12_345)}\n`;
    const text = [...before, huge, ...after].join('');
    const path = writeRecording([], { gzip: kind === 'stream' });
    writeFileSync(path, kind === 'plain' ? text : foreignGzip(text));
    const units = [];
    for await (const unit of unitsFrom(await openSegments(path), { segment: 0, offset: 0 }))
      units.push({ text: unit.bytes.toString('utf8'), skipped: unit.skipped, largest: unit.bytes.length });
    assert.equal(units.map((unit) => unit.text).join(''), [...before, ...after].join(''));
    assert.equal(
      units.reduce((sum, unit) => sum + unit.skipped, 0),
      1,
    );
    assert.ok(Math.max(...units.map((unit) => unit.largest)) <= lineCapBytes);
  });
}

test('a line just under the cap is kept whole', async () => {
  const long = `{"t":1,"x":"${'y'.repeat(lineCapBytes - 20)}"}\n`;
  const path = writeRecording([long, '{"t":2}\n']);
  assert.deepEqual(await linesOf(path), [long.slice(0, -1), '{"t":2}']);
});
