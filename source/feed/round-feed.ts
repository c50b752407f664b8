import type { Language } from '../language.js';
import { identityOf, type PollJob } from '../monitor/job.js';
import { pollOnce } from '../monitor/poll-once.js';
import type { Thresholds } from '../monitor/severity.js';
import { MonitorStore } from '../monitor/store.js';
import { type Clock, noTimers, type Timers } from '../time.js';
import { type Feed, noCommands } from './feed.js';

export interface RoundOptions {
  concurrency: number;
  rate: number;
  thresholds: Thresholds;
  language: Language;
  clock: Clock;
  timers: Timers;
}

/**
 * Asks every instance once (`--once`) and gives the answers as a feed: one still snapshot, in the
 * order of the jobs, that accepts no commands.
 */
export async function pollRound(jobs: readonly PollJob[], options: RoundOptions): Promise<Feed> {
  const results = await pollOnce(jobs, options);
  const store = new MonitorStore(jobs.map(identityOf), {
    clock: options.clock,
    thresholds: options.thresholds,
    language: options.language,
    // Published once, below, when every answer is in.
    timers: noTimers,
    status: {
      paused: false,
      intervalMs: 0,
      configuredRate: options.rate,
      effectiveRate: options.rate,
      throttledUntil: null,
      credentials: [],
      discovery: [],
    },
  });
  for (const { job, overview, error, latencyMs } of results) {
    const key = identityOf(job).key;
    if (overview) store.recordSuccess(key, overview, latencyMs);
    else if (error) store.recordFailure(key, error, latencyMs);
  }
  store.flush();
  return {
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    history: (key) => store.history(key),
    commands: noCommands,
    capabilities: new Set(),
  };
}
