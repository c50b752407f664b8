// A screen attached to `gaussdb-top serve`: the poller's stream (/api/v1/stream) as a feed. No cloud
// credentials, no API requests. `p` pauses this screen only (the poller is shared); there is nothing
// to refresh or re-time from here. While the poller cannot be reached, the rows keep their last
// numbers and age, the header says so, and the stream is tried again by itself.
import type { Language } from '../language.js';
import type { Sample } from '../monitor/sample-ring.js';
import { SampleRing } from '../monitor/sample-ring.js';
import type { InstanceView, MonitorSnapshot, PollerStatus, SourceStatus } from '../monitor/snapshot.js';
import { printable } from '../server-text.js';
import type { Clock, Timers } from '../time.js';
import { openEventSource } from './event-source.js';
import type { Capability, Feed } from './feed.js';
import { decodeInstance, decodePoller, historySample } from './wire-decode.js';
import { wireChange, wireSnapshot } from './wire-format.js';

export interface RemoteFeedOptions {
  /** The poller's base URL (`http://host:9464`). */
  url: string;
  token?: string | undefined;
  language: Language;
  clock: Clock;
  timers: Timers;
}

export interface RemoteFeed extends Feed {
  /** Settles at the first snapshot, or rejects once the first attempt failed (for `--once`). */
  ready: Promise<void>;
  close(): void;
}

const historyLength = 120;
const capabilities: readonly Capability[] = ['pause', 'language'];

/** The poller as the header names it: host and port, nothing else of the URL. */
export function sourceName(url: string): string {
  return printable(new URL(url).host);
}

export function remoteFeed(options: RemoteFeedOptions): RemoteFeed {
  const { clock } = options;
  const name = sourceName(options.url);
  const listeners = new Set<() => void>();
  const histories = new Map<string, SampleRing>();
  const lastPushed = new Map<string, number>();
  const ready = Promise.withResolvers<void>();
  let heard = false;
  let paused = false;
  let language = options.language;
  let instances: InstanceView[] = [];
  // Nothing is known of the poller's pace until it answers: not drawn rather than made up.
  let poller: PollerStatus = {
    paused: false,
    intervalMs: Number.NaN,
    configuredRate: Number.NaN,
    effectiveRate: Number.NaN,
    throttledUntil: null,
    credentials: [],
    discovery: [],
  };
  let source: SourceStatus = { name, reachable: true, downSince: null, message: '' };
  let lastChangeWall: number | null = null;
  const startedAt = clock.monotonic();
  let snapshot: MonitorSnapshot = {
    instances,
    status: { ...poller, source },
    language,
    lastChangeWall,
    version: 0,
    startedAt,
  };

  const publish = () => {
    snapshot = {
      instances,
      // The pause is this screen's own; everything else is the poller's.
      status: { ...poller, paused, source },
      language,
      lastChangeWall,
      version: snapshot.version + 1,
      startedAt,
    };
    for (const listener of listeners) listener();
  };
  /** While paused nothing new reaches the screen; the pause itself and language do. */
  const changed = () => {
    if (!paused) publish();
  };

  const remember = (view: InstanceView) => {
    if (!view.latest) return;
    const ring = histories.get(view.key) ?? new SampleRing(historyLength);
    histories.set(view.key, ring);
    // The same answer comes again with every change of another field (its level, an error): once only.
    if (lastPushed.get(view.key) === view.latest.wallAt) return;
    lastPushed.set(view.key, view.latest.wallAt);
    ring.push(view.latest);
  };

  const onSnapshot = (data: string) => {
    const document = wireSnapshot.parse(JSON.parse(data));
    const now = clock.monotonic();
    instances = document.instances.map((wire) => decodeInstance(wire, now));
    histories.clear();
    lastPushed.clear();
    for (const [key, samples] of Object.entries(document.history ?? {})) {
      const ring = new SampleRing(historyLength);
      for (const wire of samples) ring.push(historySample(wire, now));
      histories.set(printable(key), ring);
      const newest = samples.at(-1);
      if (newest) lastPushed.set(printable(key), newest[1]);
    }
    for (const view of instances) remember(view);
    poller = decodePoller(document.poller, now);
    lastChangeWall = document.poller.last_change ? Date.parse(document.poller.last_change) : null;
    if (!heard) {
      heard = true;
      ready.resolve();
    }
  };

  const onChange = (data: string) => {
    const document = wireChange.parse(JSON.parse(data));
    const now = clock.monotonic();
    if (document.poller) {
      poller = decodePoller(document.poller, now);
      lastChangeWall = document.poller.last_change ? Date.parse(document.poller.last_change) : null;
    }
    if (document.instances.length === 0) return;
    const index = new Map(instances.map((view, position) => [view.key, position]));
    const next = [...instances];
    for (const wire of document.instances) {
      const view = decodeInstance(wire, now);
      const position = index.get(view.key);
      if (position === undefined) continue;
      next[position] = view;
      remember(view);
    }
    instances = next;
  };

  const stream = openEventSource({
    url: new URL('/api/v1/stream?history=1', options.url).toString(),
    token: options.token,
    timers: options.timers,
    onOpen: () => {
      source = { name, reachable: true, downSince: null, message: '' };
    },
    onEvent: (event, data) => {
      try {
        if (event === 'snapshot') onSnapshot(data);
        else if (event === 'change') onChange(data);
        else return;
        if (!source.reachable) source = { name, reachable: true, downSince: null, message: '' };
      } catch {
        // A document that does not parse is not drawn; the next snapshot or change may be whole.
        const downSince = source.downSince ?? clock.monotonic();
        source = {
          name,
          reachable: false,
          downSince,
          message: 'malformed data',
          fault: { kind: 'bad-data' },
        };
      }
      changed();
    },
    onDown: (reason, fault) => {
      const downSince = source.downSince ?? clock.monotonic();
      source = { name, reachable: false, downSince, message: printable(reason), fault };
      if (!heard) ready.reject(new Error(printable(reason)));
      changed();
    },
  });
  ready.promise.catch(() => undefined);

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    history: (key) => histories.get(key)?.samples() ?? ([] as Sample[]),
    capabilities: new Set(capabilities),
    commands: {
      togglePause() {
        paused = !paused;
        publish();
      },
      refreshNow: () => undefined,
      stepInterval: () => undefined,
      setLanguage(next) {
        language = next;
        publish();
      },
    },
    ready: ready.promise,
    close: () => stream.close(),
  };
}
