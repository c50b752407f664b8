import type { Credentials } from '../config/credentials.js';
import type { Settings } from '../config/settings.js';
import { UsageError } from '../config/usage-error.js';
import { openConnection } from '../connect.js';
import { liveFeed } from '../feed/live-feed.js';
import { createMonitor, type Monitor } from '../monitor/monitor.js';
import { RequestStats } from '../monitor/request-stats.js';
import { type Recording, startRecording } from '../record/recording.js';
import type { ServeSettings } from '../serve/serve-settings.js';
import { formatLine, logRecordingChanges, logStateChanges, type StateLine } from '../serve/state-log.js';
import { startWebServer, type WebServer } from '../serve/web-server.js';
import { systemClock, systemTimers } from '../time.js';
import { watchFleet } from './fleet-watch.js';
import { startHeapTrim } from './heap-trim.js';
import { explainFailures, explainNoInstances } from './listing-problems.js';
import { type MemoryLog, startMemoryLog } from './memory-log.js';
import { onExitSignals } from './terminal-session.js';

export interface ServeOptions {
  settings: Settings;
  credentials: Credentials;
  serve: ServeSettings;
  stderr: NodeJS.WritableStream;
}

/**
 * `gaussdb-top serve`: the live poller (its rate budget, 429 governor, backoff, credential rules and
 * recording) with no screen, behind /metrics, /api/v1/snapshot, /api/v1/stream and /healthz. Runs until
 * SIGINT or SIGTERM; resolves to the exit status.
 */
export async function runServe({ settings, credentials, serve, stderr }: ServeOptions): Promise<number> {
  const log = (line: StateLine) => stderr.write(formatLine(line, serve.logFormat, systemClock.wall()));
  const stop = Promise.withResolvers<number>();
  const removeSignalHandlers = onExitSignals((code) => stop.resolve(code));
  const connection = openConnection(settings, credentials, () => monitor?.language() ?? settings.language);
  const stats = new RequestStats(systemClock);
  let monitor: Monitor | undefined;
  let web: WebServer | undefined;
  let recording: Recording | undefined;
  let stopLog: (() => void) | undefined;
  // GAUSSDB_TOP_MEMORY_LOG as on the live screen: the memory benchmark measures serve too.
  let memoryLog: MemoryLog | undefined;
  let heapTrim: { stop(): void } | undefined;
  let rediscovery: ReturnType<typeof watchFleet>;
  try {
    const resolved = await connection.jobs();
    explainFailures(resolved.failures, settings, stderr);
    if (explainNoInstances(resolved, stderr)) return 1;
    monitor = createMonitor({
      ...settings,
      jobs: resolved.jobs.map((job) => stats.instrument(job)),
      gates: connection.gates,
      clock: systemClock,
      timers: systemTimers,
    });
    const relist = async () => {
      const next = await connection.jobs();
      return { ...next, jobs: next.jobs.map((job) => stats.instrument(job)) };
    };
    rediscovery = watchFleet(monitor, relist, resolved.failures, settings);
    const feed = liveFeed(monitor);
    if (settings.record)
      recording = startRecording({
        ...settings,
        feed,
        target: settings.record,
        clock: systemClock,
        timers: systemTimers,
      });
    web = await startWebServer({
      feed,
      host: serve.listen.host,
      port: serve.listen.port,
      token: serve.token,
      stats,
      clock: systemClock,
      timers: systemTimers,
      onError: (message) => log({ event: 'error', message: `a web request failed: ${message}` }),
    }).catch((error: NodeJS.ErrnoException) => {
      const where = `${serve.listen.host}:${serve.listen.port}`;
      throw new UsageError(`cannot listen on ${where} (${error.code ?? error.message})`);
    });
    const stopFleetLog = logStateChanges(feed, systemClock, log);
    const stopRecordingLog =
      recording && settings.record && logRecordingChanges(recording, settings.record.path, log);
    stopLog = () => {
      stopFleetLog();
      stopRecordingLog?.();
    };
    monitor.start();
    memoryLog = startMemoryLog(process.env.GAUSSDB_TOP_MEMORY_LOG);
    heapTrim = startHeapTrim();
    if (memoryLog.problem) stderr.write(`gaussdb-top: warning: ${memoryLog.problem}\n`);
    log({
      event: 'start',
      message: `serving ${resolved.jobs.length} instances on ${web.url}${serve.token ? ' (token required)' : ''}`,
      url: web.url,
      instances: resolved.jobs.length,
    });
    const code = await stop.promise;
    log({ event: 'stop', message: 'stopped', code });
    return code;
  } finally {
    removeSignalHandlers();
    memoryLog?.stop();
    heapTrim?.stop();
    stopLog?.();
    rediscovery?.stop();
    monitor?.stop();
    await web?.close();
    await recording?.stop();
    await connection.close();
  }
}
