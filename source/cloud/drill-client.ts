import type {
  ExecNode,
  KillResult,
  SessionList,
  StatisticsDimension,
  StatisticsRow,
  TopSqlRow,
  WaitEventRow,
} from '../drill/types.js';
import type { ApiCall, GaussDbClient } from './client.js';
import { parseExecNodes } from './drill-parse-nodes.js';
import { parseSessionList } from './drill-parse-sessions.js';
import { parseKillResult, parseStatistics, parseTopSql, parseWaitEvents } from './drill-parse-statistics.js';
import { type Reply, requestIdOf } from './transport.js';

/** The drill-down's calls for one project's instances (a fake in tests). */
export interface DrillCalls {
  executionNodes(instanceId: string, signal?: AbortSignal): Promise<ExecNode[]>;
  sessions(instanceId: string, node: ExecNode, signal?: AbortSignal): Promise<SessionList>;
  statistics(
    instanceId: string,
    dimension: StatisticsDimension,
    signal?: AbortSignal,
  ): Promise<StatisticsRow[]>;
  waitEvents(instanceId: string, signal?: AbortSignal): Promise<WaitEventRow[]>;
  topSql(instanceId: string, signal?: AbortSignal): Promise<TopSqlRow[]>;
  /** Destructive: only ever on the user's explicit request. */
  kill(
    instanceId: string,
    node: ExecNode,
    sessionIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<KillResult>;
}

/** Node lists and statistics pages are small. */
const smallBytes = 1024 * 1024;
/** 200 sessions (or 100 statements) with long SQL each. */
const largeBytes = 16 * 1024 * 1024;
/** One page of the statistics calls: the first 100 rows (the API's largest page). */
const page = { offset: '0', limit: '100' };

function parsed<T>(reply: Reply, parse: (text: string, requestId: string | null) => T): T {
  return parse(reply.text, requestIdOf(reply.headers));
}

export function drillCalls(client: Pick<GaussDbClient, 'call'>): DrillCalls {
  const call = (instanceId: string, request: ApiCall, signal: AbortSignal | undefined) =>
    client.call(request, instanceId, signal);
  return {
    async executionNodes(instanceId, signal) {
      const request = {
        method: 'POST',
        path: 'key-view-execute-node',
        body: '{}',
        maxBytes: smallBytes,
      } as const;
      return parsed(await call(instanceId, request, signal), parseExecNodes);
    },
    async sessions(instanceId, node, signal) {
      const body = JSON.stringify({ node_id: node.node_id, component_id: node.component_id });
      const request = { method: 'POST', path: 'real-time-session', body, maxBytes: largeBytes } as const;
      return parsed(await call(instanceId, request, signal), parseSessionList);
    },
    async statistics(instanceId, dimension, signal) {
      const query = { dimension, order_field: 'active_num', order: 'DESC', ...page };
      const request = { method: 'GET', path: 'session-statistics', query, maxBytes: smallBytes } as const;
      return parsed(await call(instanceId, request, signal), parseStatistics);
    },
    async waitEvents(instanceId, signal) {
      const request = {
        method: 'GET',
        path: 'session/statistic/wait-event',
        query: page,
        maxBytes: smallBytes,
      } as const;
      return parsed(await call(instanceId, request, signal), parseWaitEvents);
    },
    async topSql(instanceId, signal) {
      const request = {
        method: 'GET',
        path: 'session/statistic/top-sql',
        query: page,
        maxBytes: largeBytes,
      } as const;
      return parsed(await call(instanceId, request, signal), parseTopSql);
    },
    async kill(instanceId, node, sessionIds, signal) {
      const body = JSON.stringify({
        instance_id: instanceId,
        node_id: node.node_id,
        component_id: node.component_id,
        session_ids: sessionIds,
      });
      const request = { method: 'POST', path: 'kill-session', body, maxBytes: smallBytes } as const;
      return parsed(await call(instanceId, request, signal), parseKillResult);
    },
  };
}
