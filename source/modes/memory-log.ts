import { appendFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { printable } from '../server-text.js';
import { heapTrims } from './heap-trim.js';

export interface MemoryLog {
  /** Why the log stopped (it could not be written), or undefined while it works. */
  readonly problem: string | undefined;
  stop(): void;
}

/**
 * `GAUSSDB_TOP_MEMORY_LOG=<file>`: append the process's memory use as a JSON line every 10 s, for
 * leak hunting and the memory benchmark. Off unless asked for. A log that cannot be written (a missing
 * directory, a full disk) is given up with a problem to report once; the monitor carries on, because
 * a diagnostic aid must never take the screen down with it.
 */
export function startMemoryLog(path: string | undefined, intervalMs = 10_000): MemoryLog {
  let problem: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const write = () => {
    // Where the memory sits: V8's spaces (committed bytes) tell garbage kept by sizing from live data.
    const spaces = Object.fromEntries(
      getHeapSpaceStatistics().map((space) => [space.space_name, space.physical_space_size]),
    );
    try {
      appendFileSync(
        path ?? '',
        `${JSON.stringify({ at: Date.now(), ...process.memoryUsage(), spaces, trims: heapTrims() })}\n`,
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      problem = `cannot write the memory log ${printable(path ?? '')} (${code}); carrying on without it`;
      stop();
    }
  };
  if (path) {
    write();
    // Unreferenced: the log never keeps the process alive on its own (say, after the screen failed).
    if (!problem) timer = setInterval(write, intervalMs).unref();
  }
  return {
    get problem() {
      return problem;
    },
    stop,
  };
}
