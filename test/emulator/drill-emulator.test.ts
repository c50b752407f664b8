import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defaultNodeIndex } from '../../source/cloud/drill-parse-nodes.js';
import type { ExecNode, Session } from '../../source/drill/types.js';
import { createFleet } from '../../source/emulator/fleet.js';
import { type Emulator, startEmulator } from '../../source/emulator/server.js';
import { countsOf, population } from '../../source/emulator/session-model.js';
import { phaseAt, phaseSeconds, simulatedLoad } from '../../source/emulator/simulated-load.js';
import { testClient } from '../helpers/client.js';

// The emulator's sessions agree with the overview it serves, for every instance and at any moment;
// checked through the real client, so the parsers read what the emulator writes.

let emulator: Emulator;
let clock = Date.UTC(2026, 10, 28, 12, 0, 0);
let api: ReturnType<typeof testClient>;

before(async () => {
  emulator = await startEmulator({ instances: 16, credentials: { token: 'test-token' }, now: () => clock });
  api = testClient(emulator.url, emulator.projectId);
});
after(async () => {
  await api.dispatcher.destroy();
  await emulator.close();
});

async function defaultNode(instanceId: string): Promise<ExecNode> {
  const nodes = await api.client.drill.executionNodes(instanceId);
  return nodes[defaultNodeIndex(nodes)] as ExecNode;
}

const isSlow = (session: Session) => session.state === 'active' && (session.query_runtime ?? 0) > 3000;

test('population is consistent with its counts, in every phase, for a fleet over ten minutes', () => {
  let chains = 0;
  let cycles = 0;
  let storms = 0;
  for (const instance of createFleet(40)) {
    for (let time = 0; time < 600_000; time += 9_000) {
      const counts = simulatedLoad(instance.seed, time);
      const phase = Math.floor(time / 1000 / phaseSeconds);
      const sessions = population(instance.seed, phase, phaseAt(instance.seed, time), counts);
      assert.deepEqual(countsOf(sessions), counts);
      const ids = new Set(sessions.map((session) => session.id));
      assert.equal(ids.size, sessions.length, 'ids are unique');
      for (const session of sessions) {
        assert.equal(session.waiting, session.blocker !== null);
        assert.equal(session.slow, session.active && session.runtimeMs > 3000);
        if (!session.slow) assert.ok(session.runtimeMs <= 3000);
      }
      const byId = new Map(sessions.map((session) => [session.id, session]));
      const waitsOnWaiter = sessions.filter(
        (session) => session.blocker && byId.get(session.blocker)?.waiting,
      );
      if (phaseAt(instance.seed, time) === 'lock-storm' && counts.lock > 1) storms++;
      if (waitsOnWaiter.length > 0) chains++;
      if (waitsOnWaiter.some((session) => byId.get(session.blocker as string)?.blocker === session.id))
        cycles++;
    }
  }
  // Lock storms make chains, and rarely a cycle (a deadlock of two waiters).
  assert.ok(chains > storms / 2, `chains in ${chains} of ${storms} storms`);
  assert.ok(cycles > 0 && cycles < storms / 2, `cycles in ${cycles} of ${storms} storms`);
});

test('every instance: the listed sessions agree with the overview served at the same moment', async () => {
  for (let step = 0; step < 6; step++) {
    clock += 37_000;
    for (const instance of emulator.instances) {
      const overview = await api.client.sessionOverview(instance.id);
      const list = await api.client.drill.sessions(instance.id, await defaultNode(instance.id));
      const { sessions } = list;
      assert.equal(list.truncated, overview.total >= 200);
      assert.equal(sessions.length, Math.min(200, overview.total));
      if (overview.total <= 200) {
        assert.equal(sessions.filter((session) => session.state === 'active').length, overview.active);
        assert.equal(sessions.filter((session) => session.block_session !== null).length, overview.lock);
        assert.equal(sessions.filter(isSlow).length, overview.slowSql);
      }
      // A waiter always names a blocker; a listed blocker is itself in the list.
      const ids = new Set(sessions.map((session) => session.session_id));
      for (const session of sessions.filter((candidate) => candidate.block_session !== null)) {
        assert.equal(session.wait_status, 'acquire lock');
        assert.notEqual(session.block_session, session.session_id);
        if (overview.total > overview.lock) assert.ok(ids.has(session.block_session as string));
      }
    }
  }
});

test('statistics, wait events and top SQL add up to the overview', async () => {
  const instance = emulator.instances.find((candidate) => {
    const load = simulatedLoad(candidate.seed, clock);
    return load.total <= 100 && load.active > 0;
  });
  assert.ok(instance, 'an instance small enough for one page of statistics');
  const overview = await api.client.sessionOverview(instance.id);
  for (const dimension of ['usename', 'client_addr', 'datname'] as const) {
    const rows = await api.client.drill.statistics(instance.id, dimension);
    assert.equal(
      rows.reduce((sum, row) => sum + (row.total_num ?? 0), 0),
      overview.total,
      dimension,
    );
    assert.equal(
      rows.reduce((sum, row) => sum + (row.active_num ?? 0), 0),
      overview.active,
    );
  }
  const waits = await api.client.drill.waitEvents(instance.id);
  assert.equal(
    waits.reduce((sum, row) => sum + (row.count ?? 0), 0),
    overview.active,
  );
  const top = await api.client.drill.topSql(instance.id);
  assert.equal(
    top.reduce((sum, row) => sum + (row.count ?? 0), 0),
    overview.active,
  );
  assert.ok(
    top.every((row) => !/[\n\r]/.test(row.query)),
    'SQL layout is one line',
  );
});

test('killing a root blocker releases its waiters on the next answer, and the overview follows', async () => {
  // Find an instance with lock waiters on a listed holder.
  let found: { id: string; blocker: string; waiters: number } | undefined;
  for (let step = 0; step < 40 && !found; step++) {
    clock += 30_000;
    for (const instance of emulator.instances) {
      const { sessions } = await api.client.drill.sessions(instance.id, await defaultNode(instance.id));
      const byId = new Map(sessions.map((session) => [session.session_id, session]));
      const root = sessions.find(
        (session) =>
          session.block_session === null &&
          sessions.some((other) => other.block_session === session.session_id),
      );
      if (root && byId.size === sessions.length) {
        const waiters = sessions.filter((session) => session.block_session === root.session_id).length;
        found = { id: instance.id, blocker: root.session_id, waiters };
        break;
      }
    }
  }
  assert.ok(found, 'some instance has a root blocker within 20 minutes of load');
  const before = await api.client.sessionOverview(found.id);
  const node = await defaultNode(found.id);
  const result = await api.client.drill.kill(found.id, node, [found.blocker]);
  assert.deepEqual(result, { session_ids: [found.blocker], success: true });
  const afterKill = await api.client.sessionOverview(found.id);
  const { sessions } = await api.client.drill.sessions(found.id, node);
  assert.ok(!sessions.some((session) => session.session_id === found.blocker), 'the killed session is gone');
  assert.ok(!sessions.some((session) => session.block_session === found.blocker), 'nobody waits on it');
  assert.equal(afterKill.total, before.total - 1);
  assert.equal(afterKill.lock, before.lock - found.waiters);
  // A second kill of the same id kills nothing.
  assert.deepEqual(await api.client.drill.kill(found.id, node, [found.blocker]), {
    session_ids: [],
    success: false,
  });
  assert.equal(emulator.stats().drillRequests['kill-session'], 2);
});

test('the default node is the primary of a centralised instance and the first CN of a distributed one', async () => {
  for (const instance of emulator.instances) {
    const nodes = await api.client.drill.executionNodes(instance.id);
    const chosen = nodes[defaultNodeIndex(nodes)] as ExecNode;
    if (nodes.some((node) => node.type === 'CN'))
      assert.equal(
        chosen,
        nodes.find((node) => node.type === 'CN'),
      );
    else assert.equal(chosen.role, 'master');
    assert.notEqual(defaultNodeIndex(nodes), 0, 'the emulator never lists the default first');
  }
});

test('a fault set on one drill-down call hits that call only', async () => {
  const instance = emulator.instances[0];
  assert.ok(instance);
  emulator.setFault(instance.id, { kind: 'status', status: 500 }, 'real-time-session');
  try {
    const node = await defaultNode(instance.id);
    await assert.rejects(api.client.drill.sessions(instance.id, node), { status: 500 });
    await api.client.sessionOverview(instance.id);
    await api.client.drill.topSql(instance.id);
  } finally {
    emulator.setFault(instance.id, undefined, 'real-time-session');
  }
});
