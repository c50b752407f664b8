import type { DrillCalls } from '../../source/cloud/drill-client.js';
import type { ExecNode, Session } from '../../source/drill/types.js';
import { jobKey, type PollJob } from '../../source/monitor/job.js';
import type { KillAttempt, KillAudit } from '../../source/monitor/kill-log.js';
import { createMonitor } from '../../source/monitor/monitor.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { FakeClock } from './fake-clock.js';
import { session as fullSession } from './fake-drill.js';
import { FakeTimers } from './fake-timers.js';
import { gatedSource } from './gated-source.js';

// The drill-down's poller on a fake clock, against an API that counts what it is asked, per call.

export const nodes: ExecNode[] = [
  { node_id: 'n-standby', component_id: 'dn_6002', node_name: 'standby', role: 'slave', type: 'DN' },
  { node_id: 'n-primary', component_id: 'dn_6001', node_name: 'primary', role: 'master', type: 'DN' },
];

/** A session of the fake API: `blocker` is the session it waits on. */
export function session(id: string, blocker: string | null = null): Session {
  return fullSession(id, {
    block_session: blocker,
    query_runtime: 5000,
    query: `UPDATE t SET x = 1 /* ${id} */`,
  });
}

export function countingCalls(failWith?: (call: string) => Error | undefined) {
  const counts: Record<string, number> = {};
  const sessionNodes: string[] = [];
  const kills: string[][] = [];
  const answer = async <T>(call: string, value: T): Promise<T> => {
    counts[call] = (counts[call] ?? 0) + 1;
    const failure = failWith?.(call);
    if (failure) throw failure;
    return value;
  };
  const calls: DrillCalls = {
    executionNodes: () => answer('nodes', nodes),
    sessions: (_id, node) => {
      sessionNodes.push(node.node_id);
      return answer('sessions', { sessions: [session('1'), session('2', '1')], truncated: false });
    },
    statistics: () => answer('statistics', [{ name: 'app', active_num: 1, total_num: 2 }]),
    waitEvents: () => answer('waits', []),
    topSql: () => answer('topSql', []),
    kill: (_id, _node, ids) => {
      kills.push([...ids]);
      return answer('kill', { session_ids: [...ids], success: true });
    },
  };
  return { calls, counts, sessionNodes, kills };
}

export function memoryAudit(fail = false) {
  const lines: KillAttempt[] = [];
  const audit: KillAudit = {
    append: async (attempts) => {
      if (fail) throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
      lines.push(...attempts);
    },
  };
  return { audit, lines };
}

export function setup(
  options: {
    instances?: number;
    rate?: number;
    intervalMs?: number;
    allowKill?: boolean;
    audit?: KillAudit;
    /** An error a drill-down call answers with instead of its data. */
    failWith?: (call: string) => Error | undefined;
  } = {},
) {
  const clock = new FakeClock(0);
  const timers = new FakeTimers(clock);
  const api = countingCalls(options.failWith);
  const { client, sent } = gatedSource(clock, async () => ({ total: 2, active: 2, slowSql: 2, lock: 1 }));
  const drillable = Object.assign(client, { drill: api.calls });
  const jobs: PollJob[] = Array.from({ length: options.instances ?? 1 }, (_, index) => ({
    client: drillable,
    instanceId: `i${index}`,
    name: `n${index}`,
    allowKill: options.allowKill ?? false,
  }));
  const monitor = createMonitor({
    jobs,
    clock,
    timers,
    thresholds: defaultThresholds,
    intervalMs: options.intervalMs ?? 5000,
    rate: options.rate ?? 100,
    concurrency: 16,
    language: 'en-us',
    killAudit: options.audit,
  });
  monitor.start();
  return { clock, timers, api, sent, monitor, key: jobKey(jobs[0] as PollJob) };
}
