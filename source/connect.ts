import type { Dispatcher } from 'undici';
import type { Clock } from './clock.js';
import { isApiError } from './cloud/api-error.js';
import {
  type Authenticator,
  akSkAuthenticator,
  passwordAuthenticator,
  tokenAuthenticator,
} from './cloud/auth.js';
import { GaussDbClient } from './cloud/client.js';
import { requestIamToken } from './cloud/iam.js';
import type { Credentials } from './config/credentials.js';
import type { Settings, Target } from './config/settings.js';
import { UsageError } from './config/usage-error.js';
import { messages } from './i18n/index.js';
import type { Language } from './language.js';
import type { PollJob } from './monitor/job.js';
import { describeError } from './output/report.js';
import { printable } from './server-text.js';

export interface Connection {
  dispatcher: Dispatcher;
  clock: Clock;
  userAgent: string;
  language: () => Language;
}

/** One authenticator per project (IAM tokens are project-scoped), shared by its targets. */
function authenticatorFor(
  target: Target,
  credentials: Credentials,
  settings: Settings,
  connection: Connection,
): Authenticator {
  switch (credentials.mode) {
    case 'token':
      return tokenAuthenticator(credentials.token);
    case 'aksk':
      return akSkAuthenticator(credentials, connection.clock);
    case 'password': {
      const iam = target.iamEndpoint;
      if (!iam) throw new UsageError('password login needs an IAM endpoint: give --region or --iam-endpoint');
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
      );
    }
  }
}

/** A client for every target. Throws a UsageError (before any request) when credentials cannot work. */
export function createClients(
  settings: Settings,
  credentials: Credentials,
  connection: Connection,
): GaussDbClient[] {
  const authenticators = new Map<string, Authenticator>();
  return settings.targets.map((target) => {
    // A ready token or an AK/SK pair serves every project; an IAM token is scoped to one project.
    const key =
      credentials.mode === 'password' ? `${target.projectId} ${target.iamEndpoint ?? ''}` : credentials.mode;
    let authenticator = authenticators.get(key);
    if (!authenticator) {
      authenticator = authenticatorFor(target, credentials, settings, connection);
      authenticators.set(key, authenticator);
    }
    return new GaussDbClient({
      dispatcher: connection.dispatcher,
      endpoint: target.endpoint,
      projectId: target.projectId,
      authenticator,
      language: connection.language,
      timeoutMs: settings.timeoutMs,
      userAgent: connection.userAgent,
      maxInstances: settings.maxInstances,
    });
  });
}

/**
 * The instances to poll: the configured ones, plus every listed instance of discovering targets, in
 * target order. An instance named twice (configured and discovered) is polled once, under its
 * configured name.
 */
export async function resolveJobs(settings: Settings, clients: readonly GaussDbClient[]): Promise<PollJob[]> {
  const perTarget = await Promise.all(
    settings.targets.map(async (target, index): Promise<PollJob[]> => {
      const client = clients[index] as GaussDbClient;
      const configured = target.instances.map((ref) => ({
        client,
        instanceId: ref.id,
        name: ref.name ?? ref.id,
      }));
      if (!target.discover) return configured;
      const discovered = (await client.listInstances()).map((found) => ({
        client,
        instanceId: found.id,
        name: found.name,
      }));
      return [...configured, ...discovered];
    }),
  );
  const jobs = new Map<string, PollJob>();
  for (const job of perTarget.flat()) {
    const key = `${job.client.endpoint} ${job.client.projectId} ${job.instanceId}`;
    if (!jobs.has(key)) jobs.set(key, job);
  }
  return [...jobs.values()];
}

/**
 * The instances to poll, or null after saying on stderr why there are none: listing failed (an API
 * error, exit 1 for the caller) or the projects list no instance.
 */
export async function jobsOrExplain(
  settings: Settings,
  clients: readonly GaussDbClient[],
  stderr: NodeJS.WritableStream,
): Promise<PollJob[] | null> {
  try {
    const jobs = await resolveJobs(settings, clients);
    if (jobs.length > 0) return jobs;
    stderr.write('gaussdb-top: the project lists no instances\n');
  } catch (error) {
    if (!isApiError(error)) throw error;
    stderr.write(
      `gaussdb-top: listing instances failed: ${printable(describeError(error, messages(settings.language)))}\n`,
    );
  }
  return null;
}
