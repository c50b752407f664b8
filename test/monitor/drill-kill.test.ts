import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryAudit, setup } from '../helpers/drill-fixture.js';

// Kill from the drill-down: refused without opt-in (nothing sent), never unrecorded, audited.

test('kill without opt-in is refused, sends nothing, and the refusal is recorded', async () => {
  const { audit, lines } = memoryAudit();
  const { timers, api, monitor, key } = setup({ audit });
  const drill = monitor.openDrill(key);
  await timers.advance(0);
  assert.equal(drill.getSnapshot().canKill, false);
  await assert.rejects(drill.kill(['1']), { name: 'KillError', code: 'KILL_NOT_ALLOWED' });
  assert.equal(api.counts.kill, undefined, 'no kill request');
  assert.equal(lines.length, 1);
  assert.match(lines[0]?.result ?? '', /^refused: /);
  assert.equal(lines[0]?.sessionId, '1');
  assert.equal(lines[0]?.sql, 'UPDATE t SET x = 1 /* 1 */');
  drill.close();
  monitor.stop();
});

test('kill with opt-in but no audit log is refused too (an unrecorded kill never goes out)', async () => {
  const { timers, api, monitor, key } = setup({ allowKill: true });
  const drill = monitor.openDrill(key);
  await timers.advance(0);
  assert.equal(drill.getSnapshot().canKill, false);
  await assert.rejects(drill.kill(['1']), { code: 'KILL_NOT_ALLOWED' });
  const unwritable = memoryAudit(true);
  const second = setup({ allowKill: true, audit: unwritable.audit });
  const page = second.monitor.openDrill(second.key);
  await second.timers.advance(0);
  await assert.rejects(page.kill(['1']), { code: 'KILL_LOG' });
  assert.equal(second.api.counts.kill, undefined, 'nothing sent when the log cannot be written');
  assert.equal(api.counts.kill, undefined);
  for (const open of [drill, page]) open.close();
  monitor.stop();
  second.monitor.stop();
});

test('an allowed kill goes to the current node, is recorded with its result, and refreshes the list', async () => {
  const { audit, lines } = memoryAudit();
  const { timers, api, monitor, key } = setup({ allowKill: true, audit });
  const drill = monitor.openDrill(key);
  await timers.advance(0);
  const sessionsBefore = api.counts.sessions ?? 0;
  assert.deepEqual(await drill.kill(['1']), { session_ids: ['1'], success: true });
  await timers.advance(0);
  assert.deepEqual(api.kills, [['1']]);
  assert.equal(api.counts.sessions, sessionsBefore + 1, 'the list is asked again at once');
  assert.deepEqual(
    lines.map(({ nodeId, sessionId, result }) => ({ nodeId, sessionId, result })),
    [
      { nodeId: 'n-primary', sessionId: '1', result: 'sending' },
      { nodeId: 'n-primary', sessionId: '1', result: 'killed' },
    ],
  );
  drill.close();
  monitor.stop();
});

test('a kill in flight is on record before it leaves; closing the page does not turn it into an error', async () => {
  const { audit, lines } = memoryAudit();
  const { timers, api, monitor, key } = setup({ audit, allowKill: true });
  const answer = Promise.withResolvers<{ session_ids: string[]; success: boolean }>();
  api.calls.kill = (_id, _node, _ids, signal) => {
    signal?.addEventListener('abort', () => answer.reject(new Error('aborted by the page')));
    return answer.promise;
  };
  const drill = monitor.openDrill(key);
  await timers.advance(0);
  const killing = drill.kill(['1']);
  await timers.advance(0);
  assert.deepEqual(
    lines.map((line) => line.result),
    ['sending'],
    'recorded while the request is out',
  );
  drill.close();
  answer.resolve({ session_ids: ['1'], success: true });
  await killing;
  assert.deepEqual(
    lines.map((line) => line.result),
    ['sending', 'killed'],
  );
  monitor.stop();
});

test('a success that names no session: the log and the screen read it the same way', async () => {
  const { killOutcome } = await import('../../source/drill/kill-outcome.js');
  const { audit, lines } = memoryAudit();
  const { timers, api, monitor, key } = setup({ audit, allowKill: true });
  api.calls.kill = async () => ({ session_ids: [], success: true });
  const drill = monitor.openDrill(key);
  await timers.advance(0);
  const result = await drill.kill(['1']);
  assert.equal(lines.at(-1)?.result, killOutcome(result, '1'));
  drill.close();
  monitor.stop();
});
