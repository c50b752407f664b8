import type { DrillSource } from '../drill/source.js';
import type { Language } from '../language.js';
import type { Clock, Timers } from '../time.js';
import { DrillPoller } from './drill-poller.js';
import { type CredentialGateView, identityOf, jobKey, type PollJob } from './job.js';
import type { KillAudit } from './kill-log.js';
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
  /** The drill-down's data for the instance with this key (throws for a key it does not poll). */
  openDrill(key: string): DrillSource;
  start(): void;
  stop(): void;
}

/** The drill-down never takes more than this share of the request budget: the grid keeps its pace. */
export const drillBudgetShare = 0.5;

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
  /** Where kill attempts are recorded; without one, no kill is allowed. */
  killAudit?: KillAudit | undefined;
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
  let jobs = new Map(options.jobs.map((job) => [jobKey(job), job]));
  const openPages = new Set<DrillSource>();
  // One share for every page opened: two pages together still take at most half.
  const drillShare = poller.budgetShare(drillBudgetShare);
  const gridStatus = { subscribe: store.subscribe, status: () => poller.status };
  return {
    store,
    setJobs(next) {
      jobs = new Map(next.map((job) => [jobKey(job), job]));
      store.setInstances(next.map(identityOf));
      poller.setJobs(next);
    },
    openDrill(key) {
      const job = jobs.get(key);
      const calls = job?.client.drill;
      if (!job || !calls) throw new Error(`no drill-down for ${key}`);
      const page = new DrillPoller({
        key,
        instanceId: job.instanceId,
        calls,
        clock: options.clock,
        timers: options.timers,
        grid: gridStatus,
        share: drillShare,
        allowKill: job.allowKill === true,
        audit: options.killAudit,
        onClose: () => openPages.delete(page),
      });
      // Stopping the monitor stops its pages too: no page keeps polling (or the process alive) after it.
      openPages.add(page);
      return page;
    },
    language: () => language,
    start: () => poller.start(),
    stop() {
      for (const page of [...openPages]) page.close();
      poller.stop();
    },
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
