import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CredentialGate, probePatienceMs, refusedRestMs } from '../../source/monitor/credential-gate.js';

const scope = {};

test('unproven credentials: one probe at a time, another only after the probe patience', () => {
  const gate = new CredentialGate();
  assert.deepEqual(gate.check(scope, 0), { go: true });
  gate.started(scope, 0);
  assert.deepEqual(gate.check(scope, 10), { go: false, until: probePatienceMs, park: true });
  assert.deepEqual(gate.check(scope, probePatienceMs), { go: true });
  gate.finished(scope, 'accepted', 20, 0);
  gate.started(scope, 30);
  assert.deepEqual(gate.check(scope, 31), { go: true }, 'proven: no more probing');
});

test('refused credentials rest, and an answer to a request sent before the refusal proves nothing', () => {
  const gate = new CredentialGate();
  gate.started(scope, 0);
  gate.started(scope, 1);
  gate.finished(scope, 'refused', 10, 0);
  assert.deepEqual(gate.check(scope, 11), { go: false, until: 10 + refusedRestMs, park: false });
  gate.finished(scope, 'accepted', 12, 1);
  gate.started(scope, 10 + refusedRestMs);
  assert.equal(gate.check(scope, 10 + refusedRestMs + 1).go, false, 'still probing after the rest');
  gate.wake();
  assert.equal(gate.check(scope, 20).go, false, 'r ends the rest but keeps the probe in flight alone');
});
