import type { InstanceView } from '../feed/feed.js';
import type { Messages } from '../i18n/index.js';
import { metrics } from '../metrics.js';
import type { Thresholds } from '../monitor/severity.js';
import { cutToCells, printable } from '../server-text.js';
import { errorNote } from '../ui/error-note.js';

// `--notify`: a desktop notification through the terminal, OSC 9 (iTerm2, WezTerm, Ghostty, kitty)
// and OSC 777 (urxvt, foot, Ghostty, WezTerm, patched VTE terminals). The text carries an
// instance name from the API: every control character (ESC, BEL, C1's ST and the rest) is replaced
// before it gets here, so no name can end the sequence early and write escapes of its own.

/** The name OSC 777 shows as the title, and that opens OSC 9's text. */
const title = 'gaussdb-top';

/** A notification is one line a person reads in a corner of the screen: longer text is cut. */
const longestCells = 200;

/** Why an instance alarms: which counts reached which CRIT threshold, or the error's short reason. */
export function alarmReason(view: InstanceView, thresholds: Thresholds, t: Messages): string {
  if (view.level === 'error') return view.error ? errorNote(view.error, t) : '';
  const overview = view.latest?.overview;
  if (!overview) return '';
  // The counts over the screen's thresholds (an attached screen's source may use others: then none).
  return metrics
    .filter((metric) => overview[metric] >= thresholds[metric].crit)
    .map((metric) => t.alerts.over(t.metrics[metric], overview[metric], thresholds[metric].crit))
    .join(', ');
}

/** The text for the instances that entered CRIT or ERROR: the first in full, then how many more. */
export function notificationText(
  entered: readonly InstanceView[],
  thresholds: Thresholds,
  t: Messages,
): string {
  const [first] = entered;
  if (!first) return '';
  const name = first.name || first.instanceId;
  const text = t.alerts.entered(name, t.levels[first.level], alarmReason(first, thresholds, t));
  const more = entered.length > 1 ? t.alerts.more(entered.length - 1) : '';
  return cutToCells(printable(`${text}${more}`), longestCells);
}

const esc = '\x1b';
const bel = '\x07';

/**
 * tmux drops sequences it does not know unless they come wrapped for passthrough (ESC P tmux; ...
 * ESC \, every ESC inside doubled), and passes those on only with `allow-passthrough on`: without
 * it they are dropped quietly, which is no worse than not sending them.
 */
function tmuxPassthrough(sequence: string): string {
  return `${esc}Ptmux;${sequence.replaceAll(esc, `${esc}${esc}`)}${esc}\\`;
}

/**
 * OSC 9 and OSC 777 for a text (already printable). OSC 9's text opens with the program's name: a
 * text that began with digits and a semicolon would read as a progress report to ConEmu and Windows
 * Terminal (OSC 9;4).
 */
export function notificationSequences(text: string, inTmux: boolean): string {
  const safe = printable(text);
  const sequences = [`${esc}]9;${title}: ${safe}${bel}`, `${esc}]777;notify;${title};${safe}${bel}`];
  return sequences.map((sequence) => (inTmux ? tmuxPassthrough(sequence) : sequence)).join('');
}
