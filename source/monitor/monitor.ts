import type { Language } from '../language.js';
import type { Clock, Timers } from '../time.js';
import { type CredentialGateView, identityOf, type PollJob } from './job.js';
import { Poller } from './poller.js';
import type { Thresholds } from './severity.js';
import { MonitorStore } from './store.js';

/** What the screen may ask of the monitor; it never touches the network itself. */
export interface MonitorCommands {
  togglePause(): void;
  refreshNow(): void;
  setLanguage(language: Language): void;
  /** One step longer (+1) or shorter (-1) on the interval ladder. */
  stepInterval(direction: 1 | -1): void;
}

export interface Monitor {
  store: MonitorStore;
  /** The fleet changed (rediscovery): poll these instances from now on. */
  setJobs(jobs: readonly PollJob[]): void;
  commands: MonitorCommands;
  /** The language requests are sent in; the cloud client reads it per request. */
  language(): Language;
  start(): void;
  stop(): void;
}

export interface MonitorOptions {
  jobs: readonly PollJob[];
  clock: Clock;
  timers: Timers;
  thresholds: Thresholds;
  intervalMs: number;
  rate: number;
  concurrency: number;
  language: Language;
  /** Credential gates to report on even before any instance uses them. */
  gates?: readonly CredentialGateView[];
  /** Results arriving within this window are drawn together (default: a fifth of the interval). */
  coalesceMs?: number;
}

const intervalLadderMs = [1, 2, 3, 5, 10, 15, 30, 60, 120, 300].map((seconds) => seconds * 1000);

export function stepIntervalMs(current: number, direction: 1 | -1): number {
  if (direction > 0) return intervalLadderMs.find((step) => step > current) ?? current;
  return [...intervalLadderMs].reverse().find((step) => step < current) ?? current;
}

export function createMonitor(options: MonitorOptions): Monitor {
  let language = options.language;
  const store = new MonitorStore(options.jobs.map(identityOf), {
    clock: options.clock,
    thresholds: options.thresholds,
    language,
    coalesceMs: options.coalesceMs,
    timers: options.timers,
    status: {
      paused: false,
      intervalMs: options.intervalMs,
      configuredRate: options.rate,
      effectiveRate: options.rate,
      throttledUntil: null,
      credentials: [],
      discovery: [],
    },
  });
  const poller = new Poller(options.jobs, store, {
    clock: options.clock,
    timers: options.timers,
    intervalMs: options.intervalMs,
    rate: options.rate,
    concurrency: options.concurrency,
    gates: options.gates,
  });
  return {
    store,
    setJobs(jobs) {
      store.setInstances(jobs.map(identityOf));
      poller.setJobs(jobs);
    },
    language: () => language,
    start: () => poller.start(),
    stop: () => poller.stop(),
    commands: {
      togglePause: () => poller.setPaused(!poller.status.paused),
      refreshNow: () => poller.refreshNow(),
      setLanguage(next) {
        language = next;
        store.setLanguage(next);
      },
      stepInterval: (direction) => poller.setIntervalMs(stepIntervalMs(poller.status.intervalMs, direction)),
    },
  };
}
