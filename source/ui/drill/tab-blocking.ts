import { lockForest } from '../../drill/lock-tree.js';
import { formatRuntime } from '../../drill/runtime.js';
import type { Session } from '../../drill/types.js';
import type { Messages } from '../../i18n/index.js';
import { printable } from '../../server-text.js';
import { fit } from '../format.js';
import type { Theme } from '../theme.js';
import type { TabTable } from './tab-table.js';

const head = (session: Session | null) => (session?.query ?? '').replace(/\s+/g, ' ').trim();

/**
 * The lock tree: each root blocker, then the sessions waiting on it, indented under it, a chain as a
 * staircase. A root says how many it blocks in all; a cycle is shown once and marked; a blocker the
 * API did not list (it lists 200 at most) still heads its waiters, marked as not listed.
 */
export function blockingTable(
  sessions: readonly Session[],
  width: number,
  t: Messages,
  theme: Theme,
): TabTable {
  const { lines } = lockForest(sessions);
  const prefixes = treePrefixes(lines, theme);
  const rows = lines.map((line, index) => {
    const { session } = line;
    const root = line.depth === 0;
    const text = () => {
      const indent = prefixes[index] ?? '';
      const who = session
        ? `${line.sessionId} ${printable(session.user_name ?? '?')}@${printable(session.client_ip ?? '?')}`
        : t.drill.notListed(line.sessionId);
      const marks = [
        line.cycle ? `${theme.symbols.cycle} ${t.drill.cycle}` : '',
        line.depth === 0 && line.blockedCount > 0 ? t.drill.blocks(line.blockedCount) : '',
        session?.lock_mode ? printable(session.lock_mode) : '',
        session?.query_runtime != null ? formatRuntime(session.query_runtime) : '',
      ].filter(Boolean);
      return fit(`${indent}${who}  ${marks.join('  ')}  ${printable(head(session))}`, width);
    };
    return {
      key: line.sessionId,
      text,
      color: line.cycle ? theme.level('crit').color : root ? theme.level('warn').color : undefined,
      bold: root,
      dim: line.notListed,
    };
  });
  return { heading: fit(t.drill.blockingHeading, width), rows, empty: t.drill.noBlocking };
}

/**
 * `│  ├─ `, `   └─ `: each line's branch, and a pipe for every ancestor whose waiters go on below it.
 * One pass from the end: at each line, `more[depth]` says whether a later line at that depth still
 * belongs to the same parent.
 */
function treePrefixes(lines: readonly { depth: number }[], theme: Theme): string[] {
  const { treeBranch, treeLast, treePipe } = theme.symbols;
  const more: boolean[] = [];
  const prefixes: string[] = new Array(lines.length);
  for (let index = lines.length - 1; index >= 0; index--) {
    const depth = lines[index]?.depth ?? 0;
    let prefix = '';
    for (let level = 1; level < depth; level++) prefix += more[level] ? `${treePipe}  ` : '   ';
    if (depth > 0) prefix += `${more[depth] ? treeBranch : treeLast} `;
    prefixes[index] = prefix;
    more[depth] = true;
    more.length = depth + 1;
  }
  return prefixes;
}
