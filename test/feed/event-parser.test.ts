// The attached screen's event parser against what a large fleet sends: a snapshot with history is tens
// of MB and arrives in 64 KB chunks. The work must grow with the bytes, not with their square (a 20 MB
// event once took 47 s), and an event past the bound must be refused, not held.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventParser } from '../../source/feed/event-parser.js';

function collect(maxEventBytes = 256 * 1024 * 1024) {
  const events: [string, string][] = [];
  const parser = new EventParser((name, data) => events.push([name, data]), maxEventBytes);
  return { parser, events };
}

/** `text` in pieces of `size` characters. */
function chunks(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

test('a 20 MB event in 64 KB chunks: each character looked at a bounded number of times', () => {
  const data = 'x'.repeat(20 * 1024 * 1024);
  const text = `event: snapshot\ndata: ${data}\n\nevent: change\ndata: {}\n\n`;
  const { parser, events } = collect();
  const pieces = chunks(text, 64 * 1024);
  for (const piece of pieces) assert.equal(parser.push(piece), true);
  assert.equal(events.length, 2);
  assert.equal(events[0]?.[0], 'snapshot');
  assert.equal(events[0]?.[1].length, data.length);
  assert.deepEqual(events[1], ['change', '{}']);
  // Scanned once, joined once: about twice the text. Rescanning the buffer per chunk would be
  // about 160 times the text here (320 chunks, half the buffer on average).
  assert.ok(parser.work <= 2 * text.length + pieces.length, `${parser.work} for ${text.length}`);
});

test('the blank line that ends an event split across chunks, one character at a time', () => {
  const text = 'event: change\ndata: {"a":1}\n\n: alive\n\nevent: snapshot\ndata: [1,\ndata: 2]\n\n';
  for (const size of [1, 2, 3, 7, text.length]) {
    const { parser, events } = collect();
    for (const piece of chunks(text, size)) parser.push(piece);
    assert.deepEqual(
      events,
      [
        ['change', '{"a":1}'],
        ['snapshot', '[1,\n2]'],
      ],
      `chunks of ${size}`,
    );
  }
});

test('an event over the bound is refused as it grows, counted in bytes, not characters', () => {
  const { parser, events } = collect(1000);
  assert.equal(parser.push(`event: snapshot\ndata: ${'订'.repeat(300)}`), true, '922 bytes');
  assert.equal(parser.push('订'.repeat(30)), false, '1012 bytes: over');
  assert.equal(events.length, 0);
  const fits = collect(1000);
  assert.equal(fits.parser.push(`data: ${'a'.repeat(990)}`), true);
  assert.equal(fits.parser.push('\n\n'), true, 'a whole event no longer counts');
  assert.equal(fits.events.length, 1);
});
