// Answers read from bytes (answer-scan.ts) must read exactly what JSON.parse reads, and must leave
// alone every line that is not an answer in the recorder's own shape: those go to parseEvent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanAnswer, scanned } from '../../source/record/answer-scan.js';
import { answerLine } from '../../source/record/format.js';
import { parseEvent } from '../../source/record/recording-events.js';

const scan = (line: string) => {
  const out = new Float64Array(scanned.length);
  const bytes = Buffer.from(`${line}\n`);
  const end = scanAnswer(bytes, 0, out);
  if (end === -1) return null;
  assert.equal(end, bytes.length - 1, `the newline of ${line}`);
  const ms = out[scanned.ms] as number;
  return {
    kind: 'answer',
    t: out[scanned.t],
    i: out[scanned.i],
    counts: Array.from(out.subarray(scanned.counts, scanned.counts + 4)),
    ms: ms < 0 ? null : ms,
  };
};

test('what the recorder writes is read as JSON.parse reads it', () => {
  const overview = { total: 4_294_967_295, active: 0, slowSql: 7, lock: 12 };
  for (const line of [
    answerLine(1_796_189_664_204, 0, overview, 120),
    answerLine(1_796_189_664_204, 1999, overview, null),
    answerLine(0, 3, { total: 0, active: 0, slowSql: 0, lock: 0 }, 0),
    '{"t":999999999999999,"i":1,"n":[1,2,3,4],"ms":5}\n',
  ]) {
    const text = line.slice(0, -1);
    assert.deepEqual(scan(text), parseEvent(text), text);
  }
});

test('anything else is left to parseEvent', () => {
  for (const line of [
    // Other key orders, keys a later version added, more counts, numbers JSON writes otherwise.
    '{"i":1,"t":5,"n":[1,2,3,4],"ms":5}',
    '{"t":5,"i":1,"n":[1,2,3,4],"ms":5,"x":1}',
    '{"t":5,"i":1,"n":[1,2,3,4,5],"ms":5}',
    '{"t":5,"i":1,"n":[1,2,3,4.5],"ms":5}',
    '{"t":5,"i":1,"n":[1,2,3,-4]}',
    '{"t":5,"i":1,"n":[1,2,3,1e3]}',
    '{"t":5.5,"i":1,"n":[1,2,3,4]}',
    // Past what a double holds exactly: JSON.parse decides.
    '{"t":12345678901234567,"i":1,"n":[1,2,3,4]}',
    // Cut short, or something after the object.
    '{"t":5,"i":1,"n":[1,2,3,4],"ms":',
    '{"t":5,"i":1,"n":[1,2,3,4]',
    '{"t":5,"i":1,"n":[1,2,3,4]}}',
    '{"t":5,"i":1,"n":[1,2,3,4]} ',
    '{"t":5,"i":1,"error":{"status":503}}',
    '',
  ])
    assert.equal(scan(line), null, line);
});
