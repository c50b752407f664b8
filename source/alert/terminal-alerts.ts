import type { Options } from '../config/settings.js';
import type { Feed } from '../feed/feed.js';
import { messages } from '../i18n/index.js';
import type { Thresholds } from '../monitor/severity.js';
import type { Clock, Timers } from '../time.js';
import { watchForAlarms } from './alarm-watch.js';
import { notificationSequences, notificationText } from './notification.js';

/** The terminal bell: tmux flags the window (monitor-bell) and the terminal rings or flashes. */
const bel = '\x07';

export interface TerminalAlertOptions {
  feed: Pick<Feed, 'subscribe' | 'getSnapshot'>;
  /** `--bell`: BEL. */
  bell: boolean;
  /** `--notify`: OSC 9 and OSC 777 with the instance and the reason. */
  notify: boolean;
  /** Writes to the terminal (one write per alarm). */
  write: (text: string) => void;
  /** The screen's thresholds, to say which count is over which. */
  thresholds: Thresholds;
  /** Inside tmux (TMUX is set): the notifications go through its passthrough. */
  inTmux: boolean;
  clock: Clock;
  timers: Timers;
}

/** What the settings and the environment say about alerts: both screens (own poller, attached) agree. */
export function alertSettings(
  options: Pick<Options, 'bell' | 'notify' | 'thresholds'>,
  env: NodeJS.ProcessEnv,
): Pick<TerminalAlertOptions, 'bell' | 'notify' | 'thresholds' | 'inTmux'> {
  return {
    bell: options.bell === true,
    notify: options.notify === true,
    thresholds: options.thresholds,
    inTmux: Boolean(env.TMUX),
  };
}

/**
 * The bell and the notifications of a screen, under one alarm rule (alarm-watch.ts): both come
 * together, in one write, in the screen's language at that moment. Returns what stops them.
 */
export function startTerminalAlerts(options: TerminalAlertOptions): () => void {
  if (!options.bell && !options.notify) return () => undefined;
  const { feed } = options;
  return watchForAlarms({
    feed,
    clock: options.clock,
    timers: options.timers,
    raise: (entered) => {
      let text = options.bell ? bel : '';
      if (options.notify) {
        const t = messages(feed.getSnapshot().language);
        const message = notificationText(entered, options.thresholds, t);
        if (message) text += notificationSequences(message, options.inTmux);
      }
      options.write(text);
    },
  });
}
