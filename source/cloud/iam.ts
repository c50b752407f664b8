import type { Dispatcher } from 'undici';
import { registerSecret } from '../secrets.js';
import type { Clock } from '../time.js';
import { ApiError } from './api-error.js';
import type { IssuedToken } from './auth.js';
import { errorFromReply } from './error-reply.js';
import { exchange, firstHeader, requestIdOf } from './transport.js';

export interface PasswordCredentials {
  userName: string;
  password: string;
  domainName: string;
}

export interface IamRequest {
  dispatcher: Dispatcher;
  iamEndpoint: string;
  projectId: string;
  credentials: PasswordCredentials;
  timeoutMs: number;
  userAgent: string;
  clock: Clock;
}

/** Tokens live 24 h; a lifetime we cannot read is assumed short so it is renewed soon, not hammered. */
const minimumLifetimeMs = 60_000;

function lifetimeFrom(text: string, clock: Clock): number {
  try {
    const token = (JSON.parse(text) as { token?: { expires_at?: unknown; issued_at?: unknown } }).token;
    const expires = Date.parse(String(token?.expires_at));
    // Prefer the server's own issued_at: it makes the lifetime immune to our clock being off.
    const issuedAt = Date.parse(String(token?.issued_at));
    const lifetime = expires - (Number.isNaN(issuedAt) ? clock.wall() : issuedAt);
    return Number.isNaN(lifetime) ? minimumLifetimeMs : Math.max(minimumLifetimeMs, lifetime);
  } catch {
    return minimumLifetimeMs;
  }
}

/** `POST {iam}/v3/auth/tokens`: a project-scoped user token from a name and password. */
export async function requestIamToken(call: IamRequest): Promise<IssuedToken> {
  const { userName, password, domainName } = call.credentials;
  const body = JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: userName, password, domain: { name: domainName } } },
      },
      scope: { project: { id: call.projectId } },
    },
  });
  const reply = await exchange(call.dispatcher, {
    url: new URL(`${call.iamEndpoint}/v3/auth/tokens`),
    method: 'POST',
    headers: {
      'Content-Type': 'application/json;charset=utf8',
      Accept: 'application/json',
      'User-Agent': call.userAgent,
    },
    body,
    timeoutMs: call.timeoutMs,
    maxBytes: 1024 * 1024,
  });
  if (reply.status !== 201 && reply.status !== 200) {
    const error = errorFromReply(reply, call.clock.wall());
    throw new ApiError({
      status: error.status,
      code: error.code,
      message: `IAM token request failed: ${error.message}`,
      requestId: error.requestId,
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
    });
  }
  const token = firstHeader(reply.headers, 'x-subject-token');
  if (!token) {
    throw new ApiError({
      status: reply.status,
      code: 'BAD_RESPONSE',
      message: 'IAM sent no X-Subject-Token header',
      requestId: requestIdOf(reply.headers),
      retryable: true,
      retryAfterMs: null,
      field: 'X-Subject-Token',
    });
  }
  // A server may quote the token back in an error message later; it is masked like any other secret.
  registerSecret(token);
  return { token, lifetimeMs: lifetimeFrom(reply.text, call.clock) };
}
