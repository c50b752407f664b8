import type { Credentials } from '../../source/config/credentials.js';
import type { Settings } from '../../source/config/settings.js';
import { openConnection } from '../../source/connect.js';
import type { Emulator } from '../../source/emulator/server.js';
import { createMonitor, type Monitor } from '../../source/monitor/monitor.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import type { InstanceView } from '../../source/monitor/store.js';
import { systemClock, systemTimers } from '../../source/time.js';

export interface LiveEngine {
  monitor: Monitor;
  view(instanceId: string): InstanceView;
  /** Resolves when `check` holds for the latest snapshot; rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs: number, what: string): Promise<number>;
  stop(): Promise<void>;
}

/** The real client, poller and store, on real timers, against an emulator: the engine behind the screen. */
export async function startLiveEngine(
  emulator: Pick<Emulator, 'url' | 'projectId'>,
  token: string | Credentials,
  options: Partial<Settings> = {},
): Promise<LiveEngine> {
  const settings: Settings = {
    targets: [{ endpoint: emulator.url, projectId: emulator.projectId, instances: [], discover: true }],
    intervalMs: 1000,
    language: 'en-us',
    rate: 1000,
    concurrency: 32,
    timeoutMs: 500,
    thresholds: defaultThresholds,
    ascii: false,
    ...options,
  };
  const credentials: Credentials = typeof token === 'string' ? { mode: 'token', token } : token;
  let monitor: Monitor | undefined;
  const connection = openConnection(settings, credentials, () => monitor?.language() ?? 'en-us', {
    userAgent: 'gaussdb-top/test',
  });
  const { jobs } = await connection.jobs();
  const live = createMonitor({
    ...settings,
    jobs,
    gates: connection.gates,
    clock: systemClock,
    timers: systemTimers,
    coalesceMs: 20,
  });
  monitor = live;
  live.start();
  const view = (instanceId: string) => {
    const found = live.store.getSnapshot().instances.find((instance) => instance.instanceId === instanceId);
    if (!found) throw new Error(`no instance ${instanceId}`);
    return found;
  };
  return {
    monitor: live,
    view,
    async until(check, timeoutMs, what) {
      const started = performance.now();
      while (!check()) {
        if (performance.now() - started > timeoutMs)
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return performance.now() - started;
    },
    async stop() {
      live.stop();
      await connection.close();
    },
  };
}
