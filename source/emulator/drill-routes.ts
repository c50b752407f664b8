import type { ServerResponse } from 'node:http';
import type { Language } from '../language.js';
import {
  defaultNodeOf,
  type EmulatedNode,
  nodesOf,
  type StatisticsKey,
  sessionJson,
  statisticsRows,
  topSqlRows,
  waitEventRows,
} from './drill-answers.js';
import { applyFault, type Fault } from './faults.js';
import type { EmulatedInstance } from './fleet.js';
import { json, sendError } from './replies.js';
import type { SessionBook } from './session-book.js';
import type { SimSession } from './session-model.js';
import type { EmulatorStats } from './stats.js';

/** The drill-down's six calls, by the name faults and request counts use. */
export const drillApis = [
  'key-view-execute-node',
  'real-time-session',
  'session-statistics',
  'wait-event',
  'top-sql',
  'kill-session',
] as const;
export type DrillApi = (typeof drillApis)[number];

const paths: Record<string, { api: DrillApi; method: 'GET' | 'POST' }> = {
  'key-view-execute-node': { api: 'key-view-execute-node', method: 'POST' },
  'real-time-session': { api: 'real-time-session', method: 'POST' },
  'session-statistics': { api: 'session-statistics', method: 'GET' },
  'session/statistic/wait-event': { api: 'wait-event', method: 'GET' },
  'session/statistic/top-sql': { api: 'top-sql', method: 'GET' },
  'kill-session': { api: 'kill-session', method: 'POST' },
};

export const drillPath = /^\/v3\/([^/]+)\/instances\/([^/]+)\/([a-z/-]+)$/;

export function drillRoute(rest: string): { api: DrillApi; method: 'GET' | 'POST' } | undefined {
  return Object.hasOwn(paths, rest) ? paths[rest] : undefined;
}

export function isDrillApi(value: unknown): value is DrillApi {
  return drillApis.includes(value as DrillApi);
}

export interface DrillRequest {
  api: DrillApi;
  instanceId: string;
  instance: EmulatedInstance | undefined;
  url: URL;
  body: string;
  language: Language;
}

export interface DrillServices {
  book: SessionBook;
  now: () => number;
  fault(api: DrillApi, instanceId: string): Fault | undefined;
  stats(): EmulatorStats;
}

/** The API lists at most this many sessions. */
const listCap = 200;

class BadRequest extends Error {}

function parseBody(text: string): Record<string, unknown> {
  try {
    const body = JSON.parse(text || '{}') as unknown;
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {}
  throw new BadRequest();
}

function nodeOf(instance: EmulatedInstance, body: Record<string, unknown>): EmulatedNode {
  const node = nodesOf(instance).find(
    (candidate) => candidate.node_id === body.node_id && candidate.component_id === body.component_id,
  );
  if (!node) throw new BadRequest();
  return node;
}

/** `offset` and `limit` as the API checks them: integers, limit 1 to 100. */
function pageOf(url: URL): { offset: number; limit: number } {
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const limit = Number(url.searchParams.get('limit') ?? 10);
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new BadRequest();
  }
  return { offset, limit };
}

/** A standby or another CN: a few idle sessions of its own, unrelated to the overview's node. */
function otherNodeSessions(node: EmulatedNode): SimSession[] {
  const base = 138_000_000_000_000 + Number.parseInt(node.node_id.slice(-6, -4), 10) * 1000;
  return [0, 1, 2].map((index) => ({
    id: String(base + index),
    index: 60_000 + index,
    active: false,
    waiting: false,
    slow: false,
    holder: false,
    blocker: null,
    runtimeMs: 5 + index,
  }));
}

function sessionsOn(services: DrillServices, instance: EmulatedInstance, node: EmulatedNode) {
  const simulated =
    node.node_id === defaultNodeOf(instance).node_id
      ? services.book.sessions(instance)
      : otherNodeSessions(node);
  const context = { seed: instance.seed, nowMs: services.now(), component: node.component_id };
  return simulated.map((session) => sessionJson(session, context));
}

function answer(request: DrillRequest, services: DrillServices, instance: EmulatedInstance): unknown {
  const { api, url } = request;
  const body = api === 'real-time-session' || api === 'kill-session' ? parseBody(request.body) : {};
  const primary = defaultNodeOf(instance);
  switch (api) {
    case 'key-view-execute-node':
      return { nodes: nodesOf(instance).map((node) => ({ ...node, distributed_id: null, detail: '' })) };
    case 'real-time-session':
      return { sessions: sessionsOn(services, instance, nodeOf(instance, body)).slice(0, listCap) };
    case 'session-statistics': {
      const dimension = url.searchParams.get('dimension');
      const field = url.searchParams.get('order_field') ?? 'active_num';
      const order = url.searchParams.get('order') ?? 'DESC';
      if (!['usename', 'client_addr', 'datname'].includes(dimension ?? '')) throw new BadRequest();
      if (!['active_num', 'total_num'].includes(field) || !['ASC', 'DESC'].includes(order))
        throw new BadRequest();
      const { offset, limit } = pageOf(url);
      const key = field as 'active_num' | 'total_num';
      const rows = statisticsRows(sessionsOn(services, instance, primary), dimension as StatisticsKey).sort(
        (a, b) => (order === 'DESC' ? b[key] - a[key] : a[key] - b[key]),
      );
      const page = rows.slice(offset, offset + limit);
      const listed = page.map((row) => ({
        ...row,
        active_num: String(row.active_num),
        total_num: String(row.total_num),
      }));
      return { total: rows.length, statistics_list: listed };
    }
    case 'wait-event':
    case 'top-sql': {
      const { offset, limit } = pageOf(url);
      const sessions = sessionsOn(services, instance, primary);
      const rows =
        api === 'top-sql'
          ? topSqlRows(sessions, primary.node_name)
          : waitEventRows(sessions, primary.node_name);
      const page = rows.slice(offset, offset + limit);
      return api === 'top-sql'
        ? { total: rows.length, top_sql_info: page }
        : { total: rows.length, wait_event_info: page };
    }
    case 'kill-session': {
      const ids = body.session_ids;
      if (body.instance_id !== instance.id || !Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
        throw new BadRequest();
      }
      if (!ids.every((id) => typeof id === 'string')) throw new BadRequest();
      const node = nodeOf(instance, body);
      const killed = node.node_id === primary.node_id ? services.book.kill(instance, ids as string[]) : [];
      return { session_ids: killed, success: killed.length === ids.length };
    }
  }
}

/** Answers one drill-down call (authentication already checked), with its fault if one is set. */
export async function answerDrill(
  request: DrillRequest,
  services: DrillServices,
  response: ServerResponse,
): Promise<void> {
  const stats = services.stats();
  stats.drillRequests[request.api] = (stats.drillRequests[request.api] ?? 0) + 1;
  const fault = services.fault(request.api, request.instanceId);
  const { instance, language } = request;
  if (!instance && fault?.kind !== 'body') return sendError(response, 'DBS.200002', language);
  let text: string;
  try {
    // Computed before any fault is applied: a bad request is refused whatever the fault.
    text = instance ? '' : '{}';
    if (instance && !fault) text = JSON.stringify(answer(request, services, instance));
  } catch (error) {
    if (error instanceof BadRequest) return sendError(response, 'DBS.200001', language);
    throw error;
  }
  // A kill happens only when its answer is made: never behind a fault that answers with an error.
  const body = () => (instance && fault ? JSON.stringify(answer(request, services, instance)) : text);
  if (fault) return applyFault(fault, response, language, body);
  response.writeHead(200, { 'Content-Type': json });
  response.end(text);
}
