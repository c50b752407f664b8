// What the screen offers depends on what its feed can do: a replay has no interval to change, a
// remote feed may not pause the poller it shares. One place decides, for keys, the footer and help.
import type { Capability, Feed } from '../feed/feed.js';
import type { Messages } from '../i18n/index.js';
import { type Action, actionFor } from './keymap.js';

/** The capability each action needs of the feed; every other action works on any feed. */
const needs: Partial<Record<Action, Capability>> = {
  togglePause: 'pause',
  refresh: 'refresh',
  toggleLanguage: 'language',
  intervalUp: 'interval',
  intervalDown: 'interval',
};

type Capable = Pick<Feed, 'capabilities'>;

/** Whether the screen may offer and perform `action` with this feed. */
export function allowed(action: Action, feed: Capable): boolean {
  const need = needs[action];
  return need === undefined || feed.capabilities.has(need);
}

/** The grid action a hint's first key stands for ("p  space" -> togglePause), if any. */
function actionOfHint(keys: string): Action | undefined {
  const first = keys.trim().split(/\s+/)[0] ?? '';
  return actionFor('grid', first, {} as Parameters<typeof actionFor>[2]);
}

const offeredCache = new WeakMap<Messages, Map<string, Messages>>();

/**
 * The messages with the footer's key hints and the help's key lines cut down to what the feed can do.
 * The same object for the same language and capabilities, so memoised layouts keep holding.
 */
export function offeredMessages(t: Messages, feed: Capable): Messages {
  const signature = [...feed.capabilities].sort().join(' ');
  let byCapabilities = offeredCache.get(t);
  if (!byCapabilities) {
    byCapabilities = new Map();
    offeredCache.set(t, byCapabilities);
  }
  const cached = byCapabilities.get(signature);
  if (cached) return cached;
  const offered = (keys: string) => {
    const action = actionOfHint(keys);
    return action === undefined || allowed(action, feed);
  };
  const result: Messages = {
    ...t,
    footer: {
      ...t.footer,
      hints: t.footer.hints
        .split(/ {2,}/)
        .filter((hint) => offered(hint))
        .join('  '),
    },
    help: { ...t.help, keys: t.help.keys.filter(([keys]) => offered(keys ?? '')) },
  };
  byCapabilities.set(signature, result);
  return result;
}
