import type { OutputMode } from '../config/mode-flags.js';
import type { Options } from '../config/settings.js';
import type { SourceTarget } from '../config/source-url.js';
import type { Feed } from '../feed/feed.js';
import { messages } from '../i18n/index.js';
import { renderJson } from '../output/json.js';
import { allAnswered, buildReport } from '../output/report.js';
import { renderTable } from '../output/table.js';
import { printable } from '../server-text.js';
import { systemClock, systemTimers } from '../time.js';

export interface SourceOptions {
  source: SourceTarget;
  options: Options;
  /** With Prometheus: only these instance ids (--instance or the config's), else all it has. */
  instanceIds: readonly string[];
  /** `--once`, `--json --watch` (NDJSON, `count` documents or until interrupted) or the live screen. */
  mode: OutputMode;
  json: boolean;
  wide: boolean;
  color: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WritableStream;
}

type SourceFeed = Feed & { ready: Promise<void>; close(): unknown };

async function openFeed({ source, options, instanceIds }: SourceOptions): Promise<SourceFeed> {
  const common = {
    url: source.url,
    token: source.token,
    language: options.language,
    clock: systemClock,
    timers: systemTimers,
  };
  if (source.kind === 'poller') {
    const { remoteFeed } = await import('../feed/remote-feed.js');
    return remoteFeed(common);
  }
  const { prometheusFeed } = await import('../feed/prometheus-feed.js');
  return prometheusFeed({
    ...common,
    instanceIds,
    intervalMs: options.intervalMs,
    timeoutMs: options.timeoutMs,
    thresholds: options.thresholds,
  });
}

/**
 * `--source`: the screen (or `--once`) from a `serve` poller or Prometheus. No cloud credentials are
 * read and no API request is made. Resolves to the exit status: that of `--once` (or `--watch`), or
 * 1 when the source could not be read at all.
 */
export async function runSource(run: SourceOptions): Promise<number> {
  const { source, options, stdout, stderr } = run;
  const t = messages(options.language);
  const feed = await openFeed(run);
  try {
    const target =
      source.kind === 'poller'
        ? t.sourceLabel.poller(new URL(source.url).host)
        : t.sourceLabel.prometheus(new URL(source.url).host);
    const unreadable = (error: unknown) =>
      stderr.write(`gaussdb-top: cannot read ${printable(target)}: ${printable((error as Error).message)}\n`);
    if (run.mode.kind === 'watch') {
      const { watchSource } = await import('./source-watch.js');
      return await watchSource({
        feed,
        intervalMs: options.intervalMs,
        count: run.mode.count,
        clock: systemClock,
        timers: systemTimers,
        stdout,
        stderr,
        unreadable,
      });
    }
    if (run.mode.kind === 'live') {
      const { runAttachedScreen } = await import('./attached-screen.js');
      return await runAttachedScreen({
        feed,
        target: printable(target),
        thresholds: options.thresholds,
        ascii: options.ascii,
        color: run.color,
        alerts: options,
        stdout,
        stderr,
      });
    }
    try {
      await feed.ready;
    } catch (error) {
      unreadable(error);
      return 1;
    }
    const report = buildReport(feed, new Date());
    stdout.write(run.json ? renderJson(report) : renderTable(report, t, { wide: run.wide }));
    return allAnswered(report) ? 0 : 1;
  } finally {
    await feed.close();
  }
}
