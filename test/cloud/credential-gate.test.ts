import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CredentialGate,
  type CredentialSet,
  outcomeOf,
  restMs,
  type Ticket,
} from '../../source/cloud/credential-gate.js';
import { FakeClock } from '../helpers/fake-clock.js';

const aksk: CredentialSet = { id: 'aksk#1', kind: 'aksk', advice: '' };
const token: CredentialSet = { id: 'token#1', kind: 'token', advice: 'TOKEN_FIXED' };

function gateWith() {
  const clock = new FakeClock(0);
  const gate = new CredentialGate(clock);
  const admit = (set: CredentialSet, scope: string, instance: string | null) => {
    const result = gate.admit(set, scope, scope, instance);
    assert.ok('settle' in result, `admitted ${instance} at ${scope}: ${JSON.stringify(result)}`);
    return result as Ticket;
  };
  const goes = (set: CredentialSet, scope: string, instance: string | null) =>
    gate.check(set, scope, scope, instance).go;
  return { clock, gate, admit, goes };
}

test('unproven: one request at a time, set-wide; only a 2xx proves', () => {
  const { admit, goes } = gateWith();
  const probe = admit(aksk, 'A', 'a1');
  assert.equal(goes(aksk, 'A', 'a2'), false);
  assert.equal(goes(aksk, 'B', 'b1'), false, 'another endpoint waits for the same set');
  assert.equal(goes(aksk, 'A', null), false, 'a listing waits too');
  probe.settle('other');
  const second = admit(aksk, 'A', 'a2');
  assert.equal(goes(aksk, 'A', 'a3'), false, 'a 404 or timeout proved nothing');
  second.settle('accepted');
  assert.equal(goes(aksk, 'A', 'a3'), true);
  assert.equal(goes(aksk, 'B', 'b1'), true, 'B is unproven but nothing is in flight');
});

test('never proven: a first 401 is only a strike; a 401 from another instance decides', () => {
  const { gate, admit, goes } = gateWith();
  admit(aksk, 'A', 'a1').settle('refused', { message: 'policy denies a1' });
  assert.deepEqual(gate.problems(), [], 'not judged yet');
  assert.equal(goes(aksk, 'A', 'a2'), true, 'one more probe, to another instance');
  admit(aksk, 'A', 'a2').settle('accepted');
  assert.equal(goes(aksk, 'A', 'a3'), true, 'a1 was denied on its own; the set works');
});

test('a refused AK/SK rests five minutes at every endpoint, and says where', () => {
  const { clock, gate, admit, goes } = gateWith();
  admit(aksk, 'A', 'a0').settle('refused', { message: 'APIGW.0301 bad signature' });
  admit(aksk, 'A', 'a1').settle('refused', { message: 'APIGW.0301 bad signature' });
  assert.deepEqual(gate.check(aksk, 'A', 'A', 'a2'), {
    go: false,
    reason: 'resting',
    until: restMs.aksk,
    where: 'A',
    message: 'APIGW.0301 bad signature',
  });
  assert.deepEqual(
    gate.check(aksk, 'B', 'B', 'b1'),
    { go: false, reason: 'resting', until: restMs.aksk, where: 'A', message: 'APIGW.0301 bad signature' },
    'no unproven try elsewhere either, and B is told it was A',
  );
  assert.deepEqual(
    gate.problems().map((problem) => [problem.where, problem.state, problem.nextTryAt]),
    [['A', 'refused', restMs.aksk]],
  );
  clock.advance(restMs.aksk);
  assert.equal(goes(aksk, 'A', 'a2'), true, 'one probe after the rest');
  admit(aksk, 'A', 'a2').settle('refused');
  assert.equal(goes(aksk, 'A', 'a3'), false, 'judged before: the next 401 is the verdict at once');
});

test('probes that get no answer twice in a row make the set wait, 30 s doubling; a token never waits', () => {
  const { clock, admit, goes } = gateWith();
  admit(aksk, 'A', 'a1').settle('other', { noAnswer: true });
  assert.equal(goes(aksk, 'A', 'a2'), true, 'one timeout: the next probe goes');
  admit(aksk, 'A', 'a2').settle('other', { noAnswer: true });
  assert.equal(goes(aksk, 'A', 'a3'), false, 'two: a slow gateway still counts every signature');
  clock.advance(30_000);
  admit(aksk, 'A', 'a3').settle('other', { noAnswer: true });
  clock.advance(59_999);
  assert.equal(goes(aksk, 'A', 'a4'), false, 'then 60 s');
  clock.advance(1);
  admit(aksk, 'A', 'a4').settle('other', { message: '404' });
  assert.equal(goes(aksk, 'A', 'a5'), true, 'an answer ends the waiting');
  for (const instance of ['t1', 't2', 't3']) admit(token, 'T', instance).settle('other', { noAnswer: true });
  assert.equal(goes(token, 'T', 't4'), true);
});

test('a refused token rests 30 s and only at its own endpoint', () => {
  const { clock, admit, goes } = gateWith();
  admit(token, 'A', 'a0').settle('refused');
  admit(token, 'A', 'a1').settle('refused');
  assert.equal(goes(token, 'B', 'b1'), true, 'a token cannot lock: B is judged on its own');
  clock.advance(restMs.token - 1);
  assert.equal(goes(token, 'A', 'a1'), false);
  clock.advance(1);
  admit(token, 'A', 'a1').settle('accepted');
  assert.equal(goes(token, 'A', 'a2'), true, 'accepted again: the whole endpoint goes on');
});

test('a 401 from proven credentials: one probe to an instance that answered recently decides', () => {
  const { clock, gate, admit, goes } = gateWith();
  for (const instance of ['a1', 'a2', 'a3']) {
    admit(token, 'A', instance).settle('accepted');
    clock.advance(1000);
  }
  const late = admit(token, 'A', 'a2');
  admit(token, 'A', 'a1').settle('refused');
  assert.deepEqual(gate.problems()[0]?.state, 'checking');
  assert.equal(goes(token, 'A', 'a1'), false, 'not the instance that was refused');
  assert.equal(goes(token, 'A', 'a4'), false, 'not one that never answered');
  assert.equal(gate.probeWanted(token, 'A', 'A'), 'a3', 'the instance that answered most recently');
  late.settle('accepted');
  assert.equal(goes(token, 'A', 'a4'), false, 'an answer to a request sent before the doubt proves nothing');
  admit(token, 'A', 'a3').settle('accepted');
  assert.equal(goes(token, 'A', 'a4'), true, "the 401 was a1's own");
  assert.deepEqual(gate.problems(), []);
});

test('a 401 from proven credentials whose probe is refused too: the scope rests', () => {
  const { gate, admit, goes } = gateWith();
  for (const instance of ['a1', 'a2']) admit(aksk, 'A', instance).settle('accepted');
  admit(aksk, 'A', 'a1').settle('refused');
  admit(aksk, 'A', 'a2').settle('refused');
  assert.equal(goes(aksk, 'A', 'a2'), false);
  assert.equal(gate.problems()[0]?.state, 'refused');
});

test('a refused IAM login rests every scope of that user, proven or not', () => {
  const { gate, admit, goes } = gateWith();
  const user: CredentialSet = { id: 'password#1', kind: 'password', advice: '' };
  admit(user, 'A p1', 'i1').settle('accepted');
  admit(user, 'A p1', 'i1').settle('refused', {
    wholeSet: true,
    where: 'iam.example',
    message: 'wrong password',
  });
  assert.equal(goes(user, 'A p1', 'i1'), false, 'the proven project rests too');
  assert.equal(goes(user, 'A p2', 'j1'), false);
  assert.deepEqual(
    gate.problems().map((problem) => problem.where),
    ['iam.example'],
  );
});

test('one rule says what an answer means for the credentials: only 2xx accepts, only 401 refuses', () => {
  for (const status of [200, 201, 204, 299]) assert.equal(outcomeOf(status), 'accepted', String(status));
  assert.equal(outcomeOf(401), 'refused');
  for (const status of [null, 199, 300, 302, 400, 403, 404, 407, 429, 500, 502])
    assert.equal(outcomeOf(status), 'other', String(status));
});
