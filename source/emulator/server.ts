import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { SessionOverview } from '../cloud/session-overview.js';
import { RateBudget } from '../monitor/rate-budget.js';
import { sleep, systemTimers } from '../time.js';
import { handleControl } from './control.js';
import { answerDrill, type DrillApi, drillPath, drillRoute } from './drill-routes.js';
import { applyFault, type Fault } from './faults.js';
import { createFleet, type EmulatedInstance, emulatorProjectId } from './fleet.js';
import { type EmulatorUser, TokenIssuer } from './iam-tokens.js';
import { json, languageOf, readBody, sendError } from './replies.js';
import { SessionBook } from './session-book.js';
import { churningLoad, simulatedLoad } from './simulated-load.js';
import { type EmulatorStats, newStats } from './stats.js';
import { type AcceptedCredentials, verifyRequest } from './verify-auth.js';

export type { EmulatorUser } from './iam-tokens.js';
export type { EmulatorStats } from './stats.js';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  instances?: number;
  seed?: number;
  projectId?: string;
  credentials?: AcceptedCredentials & { user?: EmulatorUser | undefined };
  /** Lifetime of IAM tokens the emulator issues. */
  tokenLifetimeMs?: number;
  /** Added to every answer, like a real network and server. */
  latencyMs?: number;
  /** Requests per second the gateway lets through before answering 429 (0: no limit). */
  rateLimit?: number;
  /** Wall-clock source, for the load simulation and signature dates. */
  now?: () => number;
  /** Serve https with this key and certificate (PEM) instead of plain http. */
  tls?: { key: string; cert: string } | undefined;
  /** Instead of the evolving simulation: a still fleet where this share of instances changes per period. */
  churn?: { share: number; periodMs: number } | undefined;
}

export interface Emulator {
  url: string;
  port: number;
  projectId: string;
  instances: readonly EmulatedInstance[];
  /** A fault for one instance id, or `*` for all, on the overview or one drill-down call; undefined clears it. */
  setFault(target: string, fault: Fault | undefined, api?: DrillApi): void;
  /** Fix the counts an instance reports (a string is sent as it is); undefined lets it drift again. */
  pin(instanceId: string, counts: Partial<Record<keyof SessionOverview, number | string>> | undefined): void;
  /** Give an instance another name in the instance list (hostile names, for instance). */
  rename(instanceId: string, name: string): void;
  /** Invalidate every IAM token issued so far, as a password change would. */
  revokeTokens(): void;
  stats(): EmulatorStats;
  resetStats(): void;
  close(): Promise<void>;
}

/** Counts go out as strings, some zero-padded like the real API ("036"). */
function encodeCount(value: number | string, padded: boolean): string | number {
  if (typeof value === 'string') return value;
  return padded ? String(value).padStart(3, '0') : String(value);
}

/** Starts the emulator on 127.0.0.1 only; it never listens on another interface. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const projectId = options.projectId ?? emulatorProjectId;
  const fleet = createFleet(options.instances ?? 12, options.seed ?? 1);
  const byId = new Map(fleet.map((instance) => [instance.id, instance]));
  const credentials = options.credentials ?? {};
  const faults = new Map<string, Fault>();
  const pins = new Map<string, Partial<Record<keyof SessionOverview, number | string>>>();
  const tokens = new TokenIssuer({
    user: credentials.user,
    lifetimeMs: options.tokenLifetimeMs ?? 24 * 3600_000,
    projectId,
    now,
  });
  const sockets = new Set<Socket>();
  const tokensSeen = new Set<string>();
  let stats = newStats();
  // The gateway's own budget: the monitor's token bucket, on the emulator's wall clock.
  const rateLimit = options.rateLimit ?? 0;
  const gateway = rateLimit > 0 ? new RateBudget(rateLimit, { monotonic: now, wall: now }) : null;
  const throttled = () => gateway !== null && !gateway.tryTake();

  const listInstances = (url: URL, response: ServerResponse) => {
    stats.listRequests++;
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      return sendError(response, 'DBS.200001', 'en-us');
    }
    const page = fleet.slice(offset, offset + limit).map(({ id, name, status }) => ({
      id,
      name,
      status,
      type: 'Enterprise',
      datastore: { type: 'GaussDB', version: '8.201' },
    }));
    response.writeHead(200, { 'Content-Type': json });
    response.end(JSON.stringify({ instances: page, total_count: fleet.length }));
  };

  const indexOf = new Map(fleet.map((instance, index) => [instance.id, index]));
  const loadOf = (instance: EmulatedInstance): SessionOverview => {
    const churn = options.churn;
    return churn
      ? churningLoad(indexOf.get(instance.id) ?? 0, instance.seed, now(), churn.share, churn.periodMs)
      : simulatedLoad(instance.seed, now());
  };
  // The sessions follow pinned counts too, where they are numbers (a pinned string is a broken answer).
  const book = new SessionBook((instance) => {
    const load = loadOf(instance);
    const pinned = pins.get(instance.id) ?? {};
    const pick = (key: keyof SessionOverview) => {
      const value = pinned[key];
      return typeof value === 'number' ? value : load[key];
    };
    return { total: pick('total'), active: pick('active'), slowSql: pick('slowSql'), lock: pick('lock') };
  }, now);
  const drillFaults = new Map<string, Fault>();
  const drillServices = {
    book,
    now,
    fault: (api: DrillApi, instanceId: string) =>
      drillFaults.get(`${api} ${instanceId}`) ?? drillFaults.get(`${api} *`),
    stats: () => stats,
  };
  const overviewBody = (instance: EmulatedInstance): string => {
    // Once sessions were killed, the counts are those of the list that is left.
    const load = book.countsAfterKills(instance) ?? loadOf(instance);
    const pinned = book.countsAfterKills(instance) ? {} : (pins.get(instance.id) ?? {});
    const padded = (instance.seed & 1) === 1;
    return JSON.stringify({
      active_num: encodeCount(pinned.active ?? load.active, padded),
      total_num: encodeCount(pinned.total ?? load.total, padded),
      slow_sql_num: encodeCount(pinned.slowSql ?? load.slowSql, padded),
      lock_num: encodeCount(pinned.lock ?? load.lock, padded),
    });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path.startsWith('/__emulator/')) return handleControl(emulator, request, response, path);
    response.setHeader('X-Request-Id', randomBytes(16).toString('hex'));
    if (request.method === 'POST' && path === '/v3/auth/tokens') {
      stats.tokenRequests++;
      return tokens.issue(request, response);
    }

    const language = languageOf(request);
    const body = request.method === 'GET' ? '' : await readBody(request);
    const overview = /^\/v3\/([^/]+)\/instances\/([^/]+)\/session-overview$/.exec(path);
    const list = /^\/v3(?:\.3)?\/([^/]+)\/instances$/.exec(path);
    const drill = overview ? undefined : drillPath.exec(path);
    const route = drill ? drillRoute(drill[3] ?? '') : undefined;
    if (!overview && !list && !route) return sendError(response, 'DBS.200001', language);
    if (route && request.method !== route.method) return sendError(response, 'DBS.200001', language);

    if (options.latencyMs) await sleep(systemTimers, options.latencyMs);
    if (throttled()) {
      stats.throttled++;
      return sendError(response, 'APIGW.0308', language, { 'Retry-After': '1' });
    }
    const verdict = verifyRequest(request, body, credentials, (token) => tokens.valid(token), now());
    const token = request.headers['x-auth-token'];
    if (typeof token === 'string' && tokensSeen.size < 1000) tokensSeen.add(token);
    if (!verdict.ok) {
      stats.unauthorized++;
      return sendError(response, 'APIGW.0301', language);
    }
    if ((overview?.[1] ?? list?.[1] ?? drill?.[1]) !== projectId)
      return sendError(response, 'DBS.200001', language);
    if (list) return listInstances(url, response);
    if (route && drill) {
      const instanceId = decodeURIComponent(drill[2] ?? '');
      const instance = byId.get(instanceId);
      return answerDrill(
        { api: route.api, instanceId, instance, url, body, language },
        drillServices,
        response,
      );
    }

    const instanceId = decodeURIComponent(overview?.[2] ?? '');
    stats.overviewRequests++;
    stats.perInstance[instanceId] = (stats.perInstance[instanceId] ?? 0) + 1;
    stats.languages[language] = (stats.languages[language] ?? 0) + 1;
    stats.lastLanguage = language;
    stats.lastUserAgent = request.headers['user-agent'];
    const instance = byId.get(instanceId);
    const fault = faults.get(instanceId) ?? faults.get('*');
    if (!instance && fault?.kind !== 'body') return sendError(response, 'DBS.200002', language);
    const overviewText = () => (instance ? overviewBody(instance) : '{}');
    if (fault) return applyFault(fault, response, language, overviewText);
    response.writeHead(200, { 'Content-Type': json });
    response.end(overviewText());
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': json });
      response.end();
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, listener) : createServer(listener);
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const emulator: Emulator = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    projectId,
    instances: fleet,
    setFault(target, fault, api) {
      const map = api ? drillFaults : faults;
      const key = api ? `${api} ${target}` : target;
      if (fault) map.set(key, fault);
      else map.delete(key);
    },
    pin(instanceId, counts) {
      if (counts) pins.set(instanceId, counts);
      else pins.delete(instanceId);
    },
    rename(instanceId, name) {
      const instance = byId.get(instanceId);
      if (instance) instance.name = name;
    },
    revokeTokens() {
      tokens.revokeAll();
    },
    stats: () => ({
      ...stats,
      perInstance: { ...stats.perInstance },
      drillRequests: { ...stats.drillRequests },
      languages: { ...stats.languages },
      tokensSeen: [...tokensSeen],
    }),
    resetStats() {
      stats = newStats();
      tokensSeen.clear();
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}
