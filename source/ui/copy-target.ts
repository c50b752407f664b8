import type { Messages } from '../i18n/index.js';
import type { InstanceView } from '../monitor/store.js';
import { printable } from '../server-text.js';
import type { Screen } from './keymap.js';

/**
 * What `y` copies: the selected instance's id, or in the details view the request id of its last
 * error (what a support ticket asks for), when there is one. Sanitised like everything shown.
 */
export function copyTarget(
  screen: Screen,
  view: InstanceView | undefined,
  t: Messages,
): { text: string; notice: string } | undefined {
  if (!view || screen === 'help') return undefined;
  const requestId = screen === 'details' ? view.error?.requestId : null;
  const text = printable(requestId ?? view.instanceId);
  if (!text) return undefined;
  return { text, notice: t.footer.copied(requestId ? t.details.requestId : t.details.id, text) };
}
