// What the screen offers depends on what its feed can do: a replay has no interval to change, a
// remote feed may not pause the poller it shares. One place decides, for keys, the footer and help
// (ui/key-help.ts and ui/hooks/use-keys.ts ask it through App).
import type { Capability, Feed } from '../feed/feed.js';
import type { Action } from './keymap.js';

/** The capability each action needs of the feed; every other action works on any feed. */
const needs: Partial<Record<Action, Capability>> = {
  togglePause: 'pause',
  refresh: 'refresh',
  toggleLanguage: 'language',
  intervalUp: 'interval',
  intervalDown: 'interval',
  drill: 'drill',
  playPause: 'seek',
  stepBack: 'seek',
  stepForward: 'seek',
  slower: 'seek',
  faster: 'seek',
  jumpTo: 'seek',
  timelineStart: 'seek',
  timelineEnd: 'seek',
};

type Capable = Pick<Feed, 'capabilities'>;

/** Whether the screen may offer and perform `action` with this feed. */
export function allowed(action: Action, feed: Capable): boolean {
  const need = needs[action];
  return need === undefined || feed.capabilities.has(need);
}
