import type { Dispatcher } from 'undici';
import type { Language } from '../language.js';
import { ApiError } from './api-error.js';
import type { Authenticator, OutgoingRequest } from './auth.js';
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
  /** Read on every request, so a language switch reaches the next request. */
  language: () => Language;
  timeoutMs: number;
  userAgent: string;
  /** The most instances {@link GaussDbClient.listInstances} accepts (default 10,000). */
  maxInstances?: number | undefined;
}

export type { InstanceSummary } from './instance-page.js';

/** An overview is a few dozen bytes; anything near this is not an overview. */
const maxOverviewBytes = 64 * 1024;
/** A page of 100 instances with their nodes fits easily. */
const maxListBytes = 8 * 1024 * 1024;
const pageSize = 100;
const maxPages = 1000;

/** The GaussDB API for one project at one endpoint. No timers, no retries beyond one re-authentication. */
export class GaussDbClient {
  constructor(private readonly options: ClientOptions) {}

  get projectId(): string {
    return this.options.projectId;
  }

  get endpoint(): string {
    return this.options.endpoint;
  }

  /** Clients that share an authenticator share credentials: a refusal of one is a refusal of all. */
  get authScope(): object {
    return this.options.authenticator;
  }

  async sessionOverview(instanceId: string, signal?: AbortSignal): Promise<SessionOverview> {
    const path = `/v3/${encodeURIComponent(this.options.projectId)}/instances/${encodeURIComponent(instanceId)}/session-overview`;
    const reply = await this.get(new URL(this.options.endpoint + path), maxOverviewBytes, signal);
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
      const reply = await this.get(url, maxListBytes, signal);
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

  private async get(url: URL, maxBytes: number, signal?: AbortSignal): Promise<Reply> {
    const request = {
      method: 'GET' as const,
      url,
      projectId: this.options.projectId,
      headers: { 'X-Language': this.options.language() },
      body: '',
    };
    let reply = await this.send(request, maxBytes, signal);
    if (reply.status === 401 && (await this.options.authenticator.recover(reply.credential))) {
      reply = await this.send(request, maxBytes, signal);
    }
    if (reply.status !== 200) throw this.failure(reply);
    return reply;
  }

  private async send(
    request: OutgoingRequest & { method: 'GET'; headers: Record<string, string> },
    maxBytes: number,
    signal: AbortSignal | undefined,
  ): Promise<Reply & { credential: string }> {
    const { headers, credential } = await this.options.authenticator.authenticate(request);
    const reply = await exchange(this.options.dispatcher, {
      url: request.url,
      method: request.method,
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

  private failure(reply: Reply): ApiError {
    const error = errorFromReply(reply);
    if (reply.status !== 401) return error;
    // Credentials that were refused stay refused: asking again would only lock the AK or spam IAM.
    const hint = {
      token: 'the token was refused (expired?)',
      aksk: 'the AK/SK signature was refused',
      password: 'IAM credentials were refused',
    }[this.options.authenticator.mode];
    return new ApiError({ ...error, message: `${hint}: ${error.message}`, retryable: false });
  }
}
