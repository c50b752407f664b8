import type { Dispatcher } from 'undici';
import type { Language } from '../language.js';
import { isApiError } from './api-error.js';
import { type Authenticator, LoginRefused, type OutgoingRequest } from './auth.js';
import { refusalError } from './credential-errors.js';
import { type Admission, type CredentialGate, outcomeOf } from './credential-gate.js';
import { type DrillCalls, drillCalls } from './drill-client.js';
import { errorFromReply } from './error-reply.js';
import {
  defaultMaxInstances,
  type InstanceSummary,
  parseInstancePage,
  tooManyInstances,
} from './instance-page.js';
import { parseSessionOverview, type SessionOverview } from './session-overview.js';
import { exchange, type Reply, requestIdOf } from './transport.js';

export interface ClientOptions {
  dispatcher: Dispatcher;
  /** Normalised, already checked to be https or loopback. */
  endpoint: string;
  projectId: string;
  authenticator: Authenticator;
  /** One per connection: every client's requests pass it (credentials are never sprayed). */
  gate: CredentialGate;
  /** Read on every request, so a language switch reaches the next request. */
  language: () => Language;
  timeoutMs: number;
  userAgent: string;
  /** The most instances {@link GaussDbClient.listInstances} accepts (default 10,000). */
  maxInstances?: number | undefined;
}

export type { InstanceSummary } from './instance-page.js';

/** A call under `/v3/{project}/instances/{instance}/`. */
export interface ApiCall {
  method: 'GET' | 'POST';
  /** After the instance, e.g. `real-time-session`. */
  path: string;
  query?: Readonly<Record<string, string>>;
  /** JSON text for a POST. */
  body?: string;
  /** Larger answers are refused (TOO_LARGE). */
  maxBytes: number;
}

/** An overview is a few dozen bytes; anything near this is not an overview. */
const maxOverviewBytes = 64 * 1024;
/** A page of 100 instances with their nodes fits easily. */
const maxListBytes = 8 * 1024 * 1024;
const pageSize = 100;
const maxPages = 1000;

/** The GaussDB API for one project at one endpoint. No timers, no retries beyond one re-authentication. */
export class GaussDbClient {
  /** Fixed per client; computed once, not on every request (two URL parses per poll before). */
  private readonly scopeKey: string;
  private readonly where: string;
  private drillApi: DrillCalls | undefined;

  constructor(private readonly options: ClientOptions) {
    const { endpoint, projectId, authenticator } = options;
    this.scopeKey = authenticator.mode === 'password' ? `${endpoint} ${projectId}` : endpoint;
    this.where = new URL(endpoint).host;
  }

  get projectId(): string {
    return this.options.projectId;
  }

  get endpoint(): string {
    return this.options.endpoint;
  }

  /**
   * The credential scope: a credential set at this endpoint (and project, for IAM tokens, which are
   * scoped to one). Clients of the same scope stand or fall together.
   */
  get authScope(): string {
    return `${this.options.authenticator.credentialSet().id}\n${this.scopeKey}`;
  }

  /** The drill-down's calls (sessions, statistics, kill) for this client's instances. */
  get drill(): DrillCalls {
    this.drillApi ??= drillCalls(this);
    return this.drillApi;
  }

  get gate(): CredentialGate {
    return this.options.gate;
  }

  /** Whether a request for this instance may leave now (the poller asks before it spends a slot). */
  admission(instanceId: string): Admission {
    const { gate, authenticator } = this.options;
    return gate.check(authenticator.credentialSet(), this.scopeKey, this.where, this.instanceKey(instanceId));
  }

  /** After a 401 raised doubt: the instance whose answer will decide it, if one should be asked now. */
  probeWanted(): string | undefined {
    const { gate, authenticator } = this.options;
    const wanted = gate.probeWanted(authenticator.credentialSet(), this.scopeKey, this.where);
    const prefix = `${this.options.projectId}/`;
    return wanted?.startsWith(prefix) ? wanted.slice(prefix.length) : undefined;
  }

  private instanceKey(instanceId: string): string {
    return `${this.options.projectId}/${instanceId}`;
  }

  async sessionOverview(instanceId: string, signal?: AbortSignal): Promise<SessionOverview> {
    const path = `/v3/${encodeURIComponent(this.options.projectId)}/instances/${encodeURIComponent(instanceId)}/session-overview`;
    const url = new URL(this.options.endpoint + path);
    const reply = await this.send({ method: 'GET', url, maxBytes: maxOverviewBytes }, signal, instanceId);
    return parseSessionOverview(reply.text, requestIdOf(reply.headers));
  }

  /** Every instance of the project, following offset/limit pagination to the end. */
  async listInstances(signal?: AbortSignal): Promise<InstanceSummary[]> {
    const bound = this.options.maxInstances ?? defaultMaxInstances;
    const found: InstanceSummary[] = [];
    for (let page = 0; page < maxPages; page++) {
      const url = new URL(
        `${this.options.endpoint}/v3/${encodeURIComponent(this.options.projectId)}/instances`,
      );
      url.searchParams.set('offset', String(found.length));
      url.searchParams.set('limit', String(pageSize));
      const reply = await this.send({ method: 'GET', url, maxBytes: maxListBytes }, signal, null);
      const { instances, total } = parseInstancePage(reply, pageSize);
      if (found.length + instances.length > bound || total > bound) {
        throw tooManyInstances(bound, requestIdOf(reply.headers));
      }
      // One at a time: spreading a page into push() overflowed the stack with 130,000 entries.
      for (const instance of instances) found.push(instance);
      if (instances.length === 0 || found.length >= total) return found;
    }
    return found;
  }

  /**
   * One call to an instance's API (the drill-down's calls use it): the same path as the overview's, so
   * the credential gate, signing (a POST body's hash included), X-Language, the deadline, the body cap
   * and the errors are the same. Resolves only to a 200 answer.
   */
  call(call: ApiCall, instanceId: string, signal?: AbortSignal): Promise<Reply> {
    const path = `/v3/${encodeURIComponent(this.options.projectId)}/instances/${encodeURIComponent(instanceId)}/${call.path}`;
    const url = new URL(this.options.endpoint + path);
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    return this.send(
      { method: call.method, url, body: call.body, maxBytes: call.maxBytes },
      signal,
      instanceId,
    );
  }

  /** `instanceId` null: a request for the project (the listing), not for one instance. */
  private async send(
    call: { method: 'GET' | 'POST'; url: URL; body?: string | undefined; maxBytes: number },
    signal: AbortSignal | undefined,
    instanceId: string | null,
  ): Promise<Reply> {
    const body = call.body ?? '';
    const request = {
      method: call.method,
      url: call.url,
      projectId: this.options.projectId,
      // A body's type is signed with it, as the SDKs do.
      headers: {
        'X-Language': this.options.language(),
        ...(call.method === 'POST' ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
      },
      body,
    };
    const instance = instanceId === null ? `list:${this.options.projectId}` : this.instanceKey(instanceId);
    const maxBytes = call.maxBytes;
    const { gate, authenticator } = this.options;
    const ticket = await gate.enter(
      () => authenticator.credentialSet(),
      this.scopeKey,
      this.where,
      instance,
      signal,
    );
    let reply: Reply & { credential: string };
    try {
      reply = await this.transmit(request, maxBytes, signal);
      if (reply.status === 401 && (await this.options.authenticator.recover(reply.credential))) {
        reply = await this.transmit(request, maxBytes, signal);
      }
    } catch (error) {
      if (error instanceof LoginRefused) {
        // A refused login rests every project of that user, wherever it was proven.
        ticket.settle('refused', { wholeSet: true, where: error.where, message: error.message });
        throw refusalError(error, 'LOGIN_REFUSED');
      }
      if (isApiError(error) && error.status === 401) {
        // A 401 whose body could not be read (too large, stalled) is a refusal all the same.
        const refusal = refusalError(error);
        ticket.settle('refused', { message: refusal.message });
        this.options.authenticator.refused?.();
        throw refusal;
      }
      // No answer at all (a timeout, a reset): the server may still have counted the credentials.
      ticket.settle('other', { noAnswer: !isApiError(error) || error.status === null });
      throw error;
    }
    const outcome = outcomeOf(reply.status);
    if (outcome === 'refused') {
      const error = refusalError(errorFromReply(reply));
      ticket.settle(outcome, { message: error.message });
      this.options.authenticator.refused?.();
      throw error;
    }
    ticket.settle(outcome);
    if (reply.status !== 200) throw errorFromReply(reply);
    return reply;
  }

  private async transmit(
    request: OutgoingRequest & { headers: Record<string, string> },
    maxBytes: number,
    signal: AbortSignal | undefined,
  ): Promise<Reply & { credential: string }> {
    const { headers, credential } = await this.options.authenticator.authenticate(request);
    const reply = await exchange(this.options.dispatcher, {
      url: request.url,
      method: request.method,
      body: request.body === '' ? undefined : request.body,
      headers: {
        ...request.headers,
        ...headers,
        Accept: 'application/json',
        'User-Agent': this.options.userAgent,
      },
      timeoutMs: this.options.timeoutMs,
      maxBytes,
      signal,
    });
    return { ...reply, credential };
  }
}
