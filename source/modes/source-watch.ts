import type { Feed } from '../feed/feed.js';
import { renderJson } from '../output/json.js';
import { allAnswered, buildReport } from '../output/report.js';
import type { Clock, Timers } from '../time.js';
import { onStdoutError } from './stdout-errors.js';
import { onExitSignals } from './terminal-session.js';

export interface SourceWatchOptions {
  feed: Feed & { ready: Promise<void> };
  intervalMs: number;
  /** Stop after this many documents; without it, until interrupted. */
  count: number | undefined;
  clock: Clock;
  timers: Timers;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Called when the source never answered: says so on stderr. */
  unreadable: (error: unknown) => void;
}

/**
 * `--source … --json --watch`: the same NDJSON as `--json --watch` against the API, one document per
 * interval from what the source last said, the first once it has answered. Resolves to the exit status:
 * that of `--once` for the last document, 1 when the source never answered, 130 or 143 when
 * interrupted, 0 when the reader went away, 1 when stdout failed otherwise.
 */
export async function watchSource(run: SourceWatchOptions): Promise<number> {
  const { feed, stdout, stderr, timers } = run;
  const stop = Promise.withResolvers<number>();
  const removeSignalHandlers = onExitSignals((code) => stop.resolve(code));
  const stopListening = onStdoutError(stdout, stderr, (code) => stop.resolve(code));
  const sleep = () => {
    const timer = Promise.withResolvers<null>();
    const handle = timers.set(() => timer.resolve(null), run.intervalMs);
    return { done: timer.promise, cancel: () => timers.clear(handle) };
  };
  try {
    const first = await Promise.race([
      feed.ready.then(
        () => null,
        (error: unknown) => {
          run.unreadable(error);
          return 1;
        },
      ),
      stop.promise,
    ]);
    if (first !== null) return first;
    let written = 0;
    for (;;) {
      const report = buildReport(feed, new Date(run.clock.wall()));
      stdout.write(renderJson(report, false, 'line'));
      const status = allAnswered(report) ? 0 : 1;
      if (run.count !== undefined && ++written >= run.count) return status;
      const wait = sleep();
      const interrupted = await Promise.race([wait.done, stop.promise]);
      wait.cancel();
      if (interrupted !== null) return interrupted;
    }
  } finally {
    removeSignalHandlers();
    stopListening();
  }
}
