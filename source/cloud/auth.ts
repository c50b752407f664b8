import type { Clock } from '../clock.js';
import { authorization, formatSdkDate, type SigningKey } from './signer.js';

export interface OutgoingRequest {
  method: 'GET' | 'POST';
  url: URL;
  /** The project the request is for (signed as `X-Project-Id` in AK/SK mode). */
  projectId: string;
  /** The request's own headers (e.g. `X-Language`); signed in AK/SK mode. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface Authentication {
  headers: Record<string, string>;
  /** What was used, handed back to {@link Authenticator.recover} after a 401. */
  credential: string;
}

/** Adds credentials to requests; one per project, shared by all of its instances. */
export interface Authenticator {
  readonly mode: 'token' | 'aksk' | 'password';
  authenticate(request: OutgoingRequest): Promise<Authentication>;
  /**
   * After a 401 with `credential`: make fresh credentials available and say whether one retry is
   * worth it. Requests that failed together share one renewal.
   */
  recover(credential: string): Promise<boolean>;
}

/** A ready token from the environment or a file; it cannot be renewed, so a 401 is final. */
export function tokenAuthenticator(token: string): Authenticator {
  return {
    mode: 'token',
    authenticate: async () => ({ headers: { 'X-Auth-Token': token }, credential: token }),
    recover: async () => false,
  };
}

export interface AkSkCredentials extends SigningKey {
  securityToken?: string | undefined;
}

/**
 * Signs every request. A signature failure is never retried here: the gateway locks an AK after
 * five failures in a row.
 */
export function akSkAuthenticator(credentials: AkSkCredentials, clock: Clock): Authenticator {
  return {
    mode: 'aksk',
    async authenticate(request) {
      const headers: Record<string, string> = {
        ...request.headers,
        'X-Project-Id': request.projectId,
        'X-Sdk-Date': formatSdkDate(new Date(clock.wall())),
      };
      if (credentials.securityToken) headers['X-Security-Token'] = credentials.securityToken;
      const signed = { ...headers, Host: request.url.host };
      headers.Authorization = authorization(credentials, {
        method: request.method,
        url: request.url,
        body: request.body,
        headers: signed,
      });
      return { headers, credential: credentials.accessKey };
    },
    recover: async () => false,
  };
}

export interface IssuedToken {
  token: string;
  /** How long the token stays valid, measured from when it was received. */
  lifetimeMs: number;
}

/**
 * IAM password mode: a project-scoped token, renewed before it expires and after a 401. Concurrent
 * callers share one token request (single flight), so a burst of 401s costs one renewal.
 */
/** After a failed login, wait this long before asking IAM again, doubling up to the maximum. */
const loginRetryMs = { first: 30_000, max: 5 * 60_000 };

export function passwordAuthenticator(issue: () => Promise<IssuedToken>, clock: Clock): Authenticator {
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  // A failed login is remembered: every poll asking IAM again would hammer it (and lock the user).
  let failed: { error: unknown; until: number; waitMs: number } | undefined;

  const renew = (): Promise<string> => {
    if (failed && clock.monotonic() < failed.until) return Promise.reject(failed.error);
    pending ??= issue()
      .then(({ token, lifetimeMs }) => {
        // Renew with a margin: five minutes before expiry, or halfway for short-lived tokens.
        const margin = Math.min(5 * 60_000, lifetimeMs / 2);
        current = { token, renewAt: clock.monotonic() + lifetimeMs - margin };
        failed = undefined;
        return token;
      })
      .catch((error: unknown) => {
        const waitMs = failed ? Math.min(failed.waitMs * 2, loginRetryMs.max) : loginRetryMs.first;
        failed = { error, until: clock.monotonic() + waitMs, waitMs };
        throw error;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  const valid = (): string | undefined =>
    current && clock.monotonic() < current.renewAt ? current.token : undefined;

  return {
    mode: 'password',
    async authenticate() {
      const token = valid() ?? (await renew());
      return { headers: { 'X-Auth-Token': token }, credential: token };
    },
    async recover(credential) {
      if (pending) await pending;
      else if (current?.token === credential) {
        current = undefined;
        await renew();
      }
      return true;
    },
  };
}
