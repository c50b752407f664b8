import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { SessionOverview } from '../cloud/session-overview.js';
import { isLanguage, type Language } from '../language.js';
import { type Fault, isFault } from './faults.js';
import { createFleet, type EmulatedInstance, emulatorProjectId } from './fleet.js';
import { codeForStatus, type EmulatorErrorCode, emulatorErrors, errorText } from './messages.js';
import { churningLoad, simulatedLoad } from './simulated-load.js';
import { type AcceptedCredentials, verifyRequest } from './verify-auth.js';

export interface EmulatorUser {
  name: string;
  password: string;
  domain: string;
}

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

export interface EmulatorStats {
  overviewRequests: number;
  listRequests: number;
  tokenRequests: number;
  unauthorized: number;
  throttled: number;
  perInstance: Record<string, number>;
  languages: Record<string, number>;
  lastLanguage: string | undefined;
  lastUserAgent: string | undefined;
  /** Every distinct X-Auth-Token value seen on API requests, for renewal tests. */
  tokensSeen: string[];
}

export interface Emulator {
  url: string;
  port: number;
  projectId: string;
  instances: readonly EmulatedInstance[];
  /** A fault for one instance id, or `*` for all; undefined clears it. */
  setFault(target: string, fault: Fault | undefined): void;
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

const json = 'application/json;charset=UTF-8';

function newStats(): EmulatorStats {
  return {
    overviewRequests: 0,
    listRequests: 0,
    tokenRequests: 0,
    unauthorized: 0,
    throttled: 0,
    perInstance: {},
    languages: {},
    lastLanguage: undefined,
    lastUserAgent: undefined,
    tokensSeen: [],
  };
}

function readBody(request: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) request.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const tokenLifetimeMs = options.tokenLifetimeMs ?? 24 * 3600_000;
  const faults = new Map<string, Fault>();
  const pins = new Map<string, Partial<Record<keyof SessionOverview, number | string>>>();
  const issued = new Map<string, number>();
  const sockets = new Set<Socket>();
  const tokensSeen = new Set<string>();
  let stats = newStats();
  let bucket = { tokens: options.rateLimit ?? 0, at: now() };

  const languageOf = (request: IncomingMessage): Language => {
    const header = String(request.headers['x-language'] ?? '').toLowerCase();
    return isLanguage(header) ? header : 'en-us';
  };

  const sendError = (
    response: ServerResponse,
    code: EmulatorErrorCode,
    language: Language,
    extra?: Record<string, string>,
  ) => {
    response.writeHead(emulatorErrors[code].status, { 'Content-Type': json, ...extra });
    response.end(JSON.stringify({ error_code: code, error_msg: errorText(code, language) }));
  };

  const throttled = (): boolean => {
    const rate = options.rateLimit ?? 0;
    if (rate <= 0) return false;
    const current = now();
    bucket = { tokens: Math.min(rate, bucket.tokens + ((current - bucket.at) / 1000) * rate), at: current };
    if (bucket.tokens < 1) return true;
    bucket.tokens -= 1;
    return false;
  };

  const issueToken = async (request: IncomingMessage, response: ServerResponse) => {
    stats.tokenRequests++;
    const language = languageOf(request);
    let user: { name?: string; password?: string; domain?: { name?: string } } | undefined;
    try {
      const body = JSON.parse(await readBody(request));
      user = body?.auth?.identity?.password?.user;
    } catch {
      return sendError(response, 'DBS.200001', language);
    }
    const expected = credentials.user;
    if (
      !expected ||
      user?.name !== expected.name ||
      user.password !== expected.password ||
      user.domain?.name !== expected.domain
    ) {
      response.writeHead(401, { 'Content-Type': json });
      response.end(
        JSON.stringify({
          error: { code: '401', message: errorText('IAM.0001', language), title: 'Unauthorized' },
        }),
      );
      return;
    }
    const token = `MII${randomBytes(24).toString('base64url')}`;
    const issuedAt = now();
    issued.set(token, issuedAt + tokenLifetimeMs);
    response.writeHead(201, { 'Content-Type': json, 'X-Subject-Token': token });
    response.end(
      JSON.stringify({
        token: {
          expires_at: new Date(issuedAt + tokenLifetimeMs).toISOString(),
          issued_at: new Date(issuedAt).toISOString(),
          methods: ['password'],
          project: { id: projectId },
        },
      }),
    );
  };

  const isIssuedToken = (token: string): boolean => {
    const expires = issued.get(token);
    return expires !== undefined && expires > now();
  };

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
  const overviewBody = (instance: EmulatedInstance): string => {
    const churn = options.churn;
    const load = churn
      ? churningLoad(indexOf.get(instance.id) ?? 0, instance.seed, now(), churn.share, churn.periodMs)
      : simulatedLoad(instance.seed, now());
    const pinned = pins.get(instance.id) ?? {};
    const padded = (instance.seed & 1) === 1;
    return JSON.stringify({
      active_num: encodeCount(pinned.active ?? load.active, padded),
      total_num: encodeCount(pinned.total ?? load.total, padded),
      slow_sql_num: encodeCount(pinned.slowSql ?? load.slowSql, padded),
      lock_num: encodeCount(pinned.lock ?? load.lock, padded),
    });
  };

  const applyFault = async (
    fault: Fault,
    response: ServerResponse,
    language: Language,
    body: () => string,
  ) => {
    switch (fault.kind) {
      case 'latency':
        await delay(fault.ms);
        break;
      case 'hang':
        return; // Never answer; the socket is closed with the server.
      case 'stall-body':
        response.writeHead(200, { 'Content-Type': json });
        response.flushHeaders();
        return;
      case 'drip': {
        const text = body();
        response.writeHead(200, { 'Content-Type': json, 'Content-Length': Buffer.byteLength(text) });
        for (const character of text) {
          if (response.destroyed) return;
          response.write(character);
          await delay(fault.intervalMs);
        }
        response.end();
        return;
      }
      case 'status': {
        const extra: Record<string, string> =
          fault.retryAfter === undefined ? {} : { 'Retry-After': fault.retryAfter };
        const code = codeForStatus(fault.status);
        if (fault.body === 'html') {
          response.writeHead(fault.status, { 'Content-Type': 'text/html', ...extra });
          response.end(
            `<html><head><title>${fault.status} Bad Gateway</title></head><body><h1>nginx</h1></body></html>`,
          );
        } else if (fault.body === 'empty') {
          response.writeHead(fault.status, extra);
          response.end();
        } else if (fault.body === 'nested-json') {
          response.writeHead(fault.status, { 'Content-Type': json, ...extra });
          response.end(JSON.stringify({ error: { code, message: errorText(code, language) } }));
        } else {
          response.writeHead(fault.status, { 'Content-Type': json, ...extra });
          response.end(JSON.stringify({ error_code: code, error_msg: errorText(code, language) }));
        }
        return;
      }
      case 'body':
        response.writeHead(fault.status ?? 200, { 'Content-Type': json });
        response.end(fault.text);
        return;
      case 'oversized': {
        response.writeHead(200, { 'Content-Type': json });
        const chunk = Buffer.alloc(64 * 1024, '0');
        response.write('{"total_num":"');
        let sent = 0;
        while (sent < fault.bytes && !response.destroyed) {
          if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
          sent += chunk.length;
        }
        response.end('"}');
        return;
      }
      case 'reset': {
        const text = body();
        response.writeHead(200, { 'Content-Type': json, 'Content-Length': Buffer.byteLength(text) });
        response.write(text.slice(0, Math.floor(text.length / 2)));
        setImmediate(() => response.socket?.destroy());
        return;
      }
      case 'redirect':
        response.writeHead(302, { Location: fault.location });
        response.end();
        return;
    }
    response.writeHead(200, { 'Content-Type': json });
    response.end(body());
  };

  const control = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const reply = (value: unknown) => {
      response.writeHead(200, { 'Content-Type': json });
      response.end(JSON.stringify(value ?? null));
    };
    if (path === '/__emulator/stats') return reply(emulator.stats());
    if (request.method !== 'POST') return sendError(response, 'DBS.200001', 'en-us');
    const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    if (path === '/__emulator/fault') {
      emulator.setFault(String(body.instance ?? '*'), isFault(body.fault) ? body.fault : undefined);
      return reply({ ok: true });
    }
    if (path === '/__emulator/pin') {
      emulator.pin(String(body.instance), body.counts as Record<string, number> | undefined);
      return reply({ ok: true });
    }
    if (path === '/__emulator/revoke') {
      emulator.revokeTokens();
      return reply({ ok: true });
    }
    if (path === '/__emulator/reset-stats') {
      emulator.resetStats();
      return reply({ ok: true });
    }
    return sendError(response, 'DBS.200001', 'en-us');
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path.startsWith('/__emulator/')) return control(request, response, path);
    response.setHeader('X-Request-Id', randomBytes(16).toString('hex'));
    if (request.method === 'POST' && path === '/v3/auth/tokens') return issueToken(request, response);

    const language = languageOf(request);
    const body = request.method === 'GET' ? '' : await readBody(request);
    const overview = /^\/v3\/([^/]+)\/instances\/([^/]+)\/session-overview$/.exec(path);
    const list = /^\/v3(?:\.3)?\/([^/]+)\/instances$/.exec(path);
    if (!overview && !list) return sendError(response, 'DBS.200001', language);

    if (options.latencyMs) await delay(options.latencyMs);
    if (throttled()) {
      stats.throttled++;
      return sendError(response, 'APIGW.0308', language, { 'Retry-After': '1' });
    }
    const verdict = verifyRequest(request, body, credentials, isIssuedToken, now());
    const token = request.headers['x-auth-token'];
    if (typeof token === 'string' && tokensSeen.size < 1000) tokensSeen.add(token);
    if (!verdict.ok) {
      stats.unauthorized++;
      return sendError(response, 'APIGW.0301', language);
    }
    if ((overview?.[1] ?? list?.[1]) !== projectId) return sendError(response, 'DBS.200001', language);
    if (list) return listInstances(url, response);

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
    setFault(target, fault) {
      if (fault) faults.set(target, fault);
      else faults.delete(target);
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
      issued.clear();
    },
    stats: () => ({
      ...stats,
      perInstance: { ...stats.perInstance },
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
