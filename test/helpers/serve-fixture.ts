import { spawn, spawnSync } from 'node:child_process';
import type { Feed } from '../../source/feed/feed.js';
import { noCommands } from '../../source/feed/feed.js';
import { liveFeed } from '../../source/feed/live-feed.js';
import type { InstanceIdentity, MonitorStore } from '../../source/monitor/store.js';
import { FakeClock } from './fake-clock.js';
import { binPath } from './run-cli.js';
import { testStore } from './store.js';

export const projectId = '0611f1bd8b00d5d32f17c017f15b599f';

export function identity(
  index: number,
  name = `db-${index}`,
  endpoint = 'https://gaussdb.example.com',
): InstanceIdentity {
  const instanceId = `${String(index).padStart(4, '0')}${'a'.repeat(28)}in14`;
  return { key: `${endpoint} ${projectId} ${instanceId}`, endpoint, projectId, instanceId, name };
}

/** A store behind a feed, published by hand: what `serve` serves, without a poller. */
export function storeFeed(identities: readonly InstanceIdentity[]): {
  store: MonitorStore;
  feed: Feed;
  clock: FakeClock;
} {
  const clock = new FakeClock();
  const store = testStore(identities, clock);
  const feed = { ...liveFeed({ store, commands: noCommands }), capabilities: new Set<never>() };
  return { store, feed, clock };
}

export const overview = (total: number, active = 1, slowSql = 0, lock = 0) => ({
  total,
  active,
  slowSql,
  lock,
});

/** `promtool` from Debian's `prometheus` package, or undefined when it is not installed. */
export function promtool(): string | undefined {
  for (const path of ['/usr/bin/promtool', '/usr/local/bin/promtool']) {
    if (spawnSync(path, ['--version']).status === 0) return path;
  }
  return undefined;
}

/** Text promtool finds wrong in an exposition, apart from the lint the metric names of the issue earn. */
export function promtoolProblems(tool: string, exposition: string): string {
  const result = spawnSync(tool, ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`
    .split('\n')
    // gaussdb_sessions_total is a gauge by the choice of names: a lint, not a parse error.
    .filter(
      (line) =>
        line.trim() && !/^gaussdb_sessions_total non-counter metrics should not have "_total"/.test(line),
    );
  return output.join('\n');
}

export interface ServeProcess {
  url: string;
  stderr: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `gaussdb-top serve` and waits for its start line; rejects with its stderr if it exits first. */
export function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(process.execPath, [binPath, 'serve', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const match = /serving \d+ instances on (http:\/\/\S+)|"url":"(http:\/\/[^"]+)"/.exec(stderr);
      if (match)
        resolve({
          url: match[1] ?? match[2] ?? '',
          stderr: () => stderr,
          stop: async (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
    });
    exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}
