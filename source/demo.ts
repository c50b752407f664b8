import type { Credentials } from './config/credentials.js';
import type { Options, Settings } from './config/settings.js';
import { type Emulator, startEmulator } from './emulator/server.js';

/** The token the emulator accepts from the demo; it guards nothing real. */
const demoToken = 'gaussdb-top-demo';

export interface Demo {
  emulator: Emulator;
  settings: Settings;
  credentials: Credentials;
}

/** `--demo`: a dozen simulated instances on an in-process emulator, no credentials needed. */
export async function startDemo(options: Options, instances = 12): Promise<Demo> {
  const emulator = await startEmulator({ instances, credentials: { token: demoToken }, latencyMs: 30 });
  return {
    emulator,
    credentials: { mode: 'token', token: demoToken },
    settings: {
      ...options,
      // Kill is allowed against the demo's own emulator: there is nothing real to break.
      targets: [
        {
          endpoint: emulator.url,
          projectId: emulator.projectId,
          instances: [],
          discover: true,
          allowKill: true,
        },
      ],
    },
  };
}
