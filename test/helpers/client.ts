import { type Authenticator, tokenAuthenticator } from '../../source/cloud/auth.js';
import { GaussDbClient } from '../../source/cloud/client.js';
import { CredentialGate } from '../../source/cloud/credential-gate.js';
import { createDispatcher } from '../../source/cloud/transport.js';
import type { Language } from '../../source/language.js';
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
