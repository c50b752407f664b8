import type { Dispatcher } from 'undici';
import {
  type Authenticator,
  akSkAuthenticator,
  type PasswordLogin,
  passwordAuthenticator,
  passwordCredentialSet,
  type TokenSource,
  tokenAuthenticator,
} from './cloud/auth.js';
import { GaussDbClient } from './cloud/client.js';
import { CredentialGate } from './cloud/credential-gate.js';
import { requestIamToken } from './cloud/iam.js';
import { createDispatcher, type TransportOptions } from './cloud/transport.js';
import { type Credentials, readTokenFile } from './config/credentials.js';
import type { Settings, Target } from './config/settings.js';
import { watchTokenFile } from './config/token-file.js';
import { UsageError } from './config/usage-error.js';
import type { Language } from './language.js';
import { jobResolver, type ResolvedJobs } from './resolve-jobs.js';
import { type Clock, systemClock } from './time.js';
import { userAgent as ourUserAgent } from './version.js';

/** What every client of one connection shares. */
interface Shared {
  dispatcher: Dispatcher;
  clock: Clock;
  userAgent: string;
  language: () => Language;
}

/** Everything a mode needs to reach the API: built once per run, here and nowhere else. */
export interface Connection {
  /** One client per target, in target order. */
  clients: readonly GaussDbClient[];
  /** The credential gate every client's requests pass (reported on even before an instance uses it). */
  gates: readonly CredentialGate[];
  /**
   * Lists the instances to poll: configured ones plus those of discovering targets. Call it again to
   * rediscover; a target whose listing fails keeps what it listed last and is named in `failures`.
   */
  jobs: () => Promise<ResolvedJobs>;
  /** Abandons open connections; call once, when the run ends. */
  close(): Promise<void>;
}

export interface ConnectionOptions {
  clock?: Clock;
  userAgent?: string;
  /** Name resolution, replaceable so tests can make DNS fail without a network. */
  lookup?: TransportOptions['lookup'];
}

/**
 * The one place that builds the dispatcher, the credential gate, the authenticators and the clients.
 * `language` is read on every request, so a language switch reaches the next one. Throws a UsageError
 * (before any request, with nothing left open) when the credentials cannot work.
 */
export function openConnection(
  settings: Settings,
  credentials: Credentials,
  language: () => Language,
  options: ConnectionOptions = {},
): Connection {
  const dispatcher = createDispatcher({
    timeoutMs: settings.timeoutMs,
    connections: settings.concurrency,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const shared: Shared = {
    dispatcher,
    clock: options.clock ?? systemClock,
    userAgent: options.userAgent ?? ourUserAgent,
    language,
  };
  const gate = new CredentialGate(shared.clock);
  let clients: GaussDbClient[];
  try {
    clients = createClients(settings, credentials, shared, gate);
  } catch (error) {
    void dispatcher.destroy();
    throw error;
  }
  return {
    clients,
    gates: [gate],
    jobs: jobResolver(settings, clients),
    close: () => dispatcher.destroy(),
  };
}

/** What the user can do about a refused GAUSSDB_TOKEN: it cannot change while the monitor runs. */
export const envTokenAdvice = 'TOKEN_FIXED';

/** One authenticator per project (IAM tokens are project-scoped), shared by its targets. */
function authenticatorFor(
  target: Target,
  credentials: Credentials,
  settings: Settings,
  connection: Shared,
  shared: { login: PasswordLogin | undefined; gate: CredentialGate },
): Authenticator {
  switch (credentials.mode) {
    case 'token':
      return tokenAuthenticator(tokenSource(credentials, shared.gate));
    case 'aksk':
      return akSkAuthenticator(credentials, connection.clock);
    case 'password': {
      const iam = target.iamEndpoint;
      if (!iam) throw new UsageError('password login needs an IAM endpoint: give --region or --iam-endpoint');
      // One credential set per user: a refused login rests every project of that user.
      shared.login ??= { set: passwordCredentialSet(), where: new URL(iam).host };
      return passwordAuthenticator(
        () =>
          requestIamToken({
            dispatcher: connection.dispatcher,
            iamEndpoint: iam,
            projectId: target.projectId,
            credentials,
            timeoutMs: settings.timeoutMs,
            userAgent: connection.userAgent,
            clock: connection.clock,
          }),
        connection.clock,
        shared.login,
      );
    }
  }
}

/** A token file is watched (a cron job renews it); a token from the environment cannot change. */
function tokenSource(
  credentials: Extract<Credentials, { mode: 'token' }>,
  gate: CredentialGate,
): TokenSource {
  if (!credentials.file) {
    const token = credentials.token;
    return { current: () => ({ token, version: 0 }), advice: envTokenAdvice };
  }
  const watched = watchTokenFile(credentials.file, credentials.token, readTokenFile);
  // A new token is a new credential set: the gate forgets the old one's rest and probes it at once.
  watched.onChange(() => gate.poke());
  return watched;
}

/** A client for every target. Throws a UsageError (before any request) when credentials cannot work. */
function createClients(
  settings: Settings,
  credentials: Credentials,
  connection: Shared,
  gate: CredentialGate,
): GaussDbClient[] {
  const authenticators = new Map<string, Authenticator>();
  const shared = { login: undefined, gate };
  return settings.targets.map((target) => {
    // A ready token or an AK/SK pair serves every project; an IAM token is scoped to one project.
    const key =
      credentials.mode === 'password' ? `${target.projectId} ${target.iamEndpoint ?? ''}` : credentials.mode;
    let authenticator = authenticators.get(key);
    if (!authenticator) {
      authenticator = authenticatorFor(target, credentials, settings, connection, shared);
      authenticators.set(key, authenticator);
    }
    return new GaussDbClient({
      dispatcher: connection.dispatcher,
      endpoint: target.endpoint,
      projectId: target.projectId,
      authenticator,
      gate: shared.gate,
      language: connection.language,
      timeoutMs: settings.timeoutMs,
      userAgent: connection.userAgent,
      maxInstances: settings.maxInstances,
    });
  });
}
