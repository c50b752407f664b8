import { type Authenticator, tokenAuthenticator } from '../../source/cloud/auth.js';
import { GaussDbClient } from '../../source/cloud/client.js';
import { CredentialGate } from '../../source/cloud/credential-gate.js';
import { createDispatcher } from '../../source/cloud/transport.js';
import type { Settings } from '../../source/config/settings.js';
import { type ConnectionOptions, openConnection } from '../../source/connect.js';
import type { Language } from '../../source/language.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { type Clock, systemClock } from '../../source/time.js';

export interface TestClientOptions {
  authenticator?: Authenticator;
  language?: () => Language;
  timeoutMs?: number;
  projectId?: string;
  clock?: Clock;
}

/** The real client with a real dispatcher, pointed at a loopback server. Close it with `dispatcher.destroy()`. */
export function testClient(endpoint: string, projectId: string, options: TestClientOptions = {}) {
  // Generous: a loopback answer on a loaded machine must never look like a timeout. Tests about
  // timeouts set their own.
  const timeoutMs = options.timeoutMs ?? 30_000;
  const dispatcher = createDispatcher({ timeoutMs, connections: 16 });
  const client = new GaussDbClient({
    dispatcher,
    endpoint,
    projectId,
    gate: new CredentialGate(options.clock ?? systemClock),
    authenticator: options.authenticator ?? tokenAuthenticator('test-token'),
    language: options.language ?? (() => 'en-us'),
    timeoutMs,
    userAgent: 'gaussdb-top/test',
  });
  return { client, dispatcher, clock: options.clock ?? systemClock };
}

export interface ConnectedClientOptions {
  token?: string;
  timeoutMs?: number;
  maxInstances?: number;
  lookup?: ConnectionOptions['lookup'];
}

/**
 * The client the modes poll with, built by openConnection for one target and a ready token. Close it
 * with `close()`. (testClient above builds one by hand, for tests of the client with their own
 * authenticator.)
 */
export function connectedClient(endpoint: string, projectId: string, options: ConnectedClientOptions = {}) {
  const settings: Settings = {
    targets: [{ endpoint, projectId, instances: [], discover: false }],
    intervalMs: 5000,
    language: 'en-us',
    rate: 1000,
    concurrency: 4,
    timeoutMs: options.timeoutMs ?? 30_000,
    thresholds: defaultThresholds,
    ascii: false,
    maxInstances: options.maxInstances,
  };
  const connection = openConnection(
    settings,
    { mode: 'token', token: options.token ?? 'test-token' },
    () => 'en-us',
    { userAgent: 'gaussdb-top/test', ...(options.lookup ? { lookup: options.lookup } : {}) },
  );
  const client = connection.clients[0];
  if (!client) throw new Error('openConnection built no client');
  return { client, close: connection.close };
}
