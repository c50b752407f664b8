import type { Clock } from '../time.js';
import { ApiError, isApiError } from './api-error.js';
import { type CredentialSet, restMs } from './credential-gate.js';
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
  /** The credentials requests go out with now, as the credential gate knows them. */
  credentialSet(): CredentialSet;
  /** Tells the source of the credentials they were refused (a token file is read again). */
  refused?(): void;
  authenticate(request: OutgoingRequest): Promise<Authentication>;
  /**
   * After a 401 with `credential`: make fresh credentials available and say whether one retry is
   * worth it. Requests that failed together share one renewal.
   */
  recover(credential: string): Promise<boolean>;
}

/** Where a ready token comes from: fixed (the environment) or a file that a cron job may rewrite. */
export interface TokenSource {
  /** The token now, and a number that changes whenever the token does. */
  current(): { token: string; version: number };
  /** Read the source again (after a refusal); a change shows in `current()`. */
  reread?(): void;
  /** Said when the token is refused and nothing can change it: what the user can do. */
  readonly advice: string;
}

let nextSetNumber = 1;
/** Set ids are numbers, never the secret or the AK: they are only compared. */
const newSetId = (kind: string) => `${kind}#${nextSetNumber++}`;

/** A ready token; it cannot be renewed here, so a 401 is final until the token itself changes. */
export function tokenAuthenticator(token: string | TokenSource): Authenticator {
  const source: TokenSource =
    typeof token === 'string' ? { current: () => ({ token, version: 0 }), advice: '' } : token;
  let set: { version: number; credentials: CredentialSet } | undefined;
  const credentialSet = (): CredentialSet => {
    const { version } = source.current();
    if (set?.version !== version) {
      set = { version, credentials: { id: newSetId('token'), kind: 'token', advice: source.advice } };
    }
    return set.credentials;
  };
  return {
    mode: 'token',
    credentialSet,
    refused: () => source.reread?.(),
    authenticate: async () => {
      const { token: current } = source.current();
      return { headers: { 'X-Auth-Token': current }, credential: current };
    },
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
  const set: CredentialSet = { id: newSetId('aksk'), kind: 'aksk', advice: 'CHECK_AKSK' };
  return {
    mode: 'aksk',
    credentialSet: () => set,
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
 * After a login that failed for another reason than the password (IAM slow, 5xx), wait this long
 * before asking IAM again, doubling up to the maximum. A refused login rests the whole user in the
 * credential gate instead.
 */
const loginRetryMs = { first: 30_000, max: 5 * 60_000 };

/** IAM said no to the user name, password or domain: the error a refused login throws. */
export class LoginRefused extends ApiError {
  constructor(
    error: ApiError,
    /** The IAM host, for "refused by ...". */
    readonly where: string,
  ) {
    super({ ...error, message: error.message, retryable: false });
  }
}

/** IAM's answers that mean "these credentials are wrong", as opposed to "try later". */
function isRefusedLogin(error: unknown): error is ApiError {
  return isApiError(error) && (error.status === 400 || error.status === 401 || error.status === 403);
}

export interface PasswordLogin {
  /** One set per user and domain, shared by the authenticators of all their projects. */
  set: CredentialSet;
  /** The IAM host, for messages. */
  where: string;
}

/** The credential set of an IAM user: every project's authenticator of that user shares it. */
export function passwordCredentialSet(): CredentialSet {
  return { id: newSetId('password'), kind: 'password', advice: 'CHECK_PASSWORD' };
}

/**
 * IAM password mode: a project-scoped token, renewed before it expires and after a 401. Concurrent
 * callers share one token request (single flight), so a burst of 401s costs one renewal.
 */
export function passwordAuthenticator(
  issue: () => Promise<IssuedToken>,
  clock: Clock,
  login: PasswordLogin = { set: passwordCredentialSet(), where: 'IAM' },
): Authenticator {
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
        if (isRefusedLogin(error)) {
          // Wrong name, password or domain: rest as long as a refused set does (IAM locks users).
          const refused = new LoginRefused(error, login.where);
          failed = { error: refused, until: clock.monotonic() + restMs.password, waitMs: loginRetryMs.first };
          throw refused;
        }
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
    credentialSet: () => login.set,
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
