import type { Flags } from './flags.js';
import { flagNumber } from './settings.js';
import { UsageError } from './usage-error.js';

export type OutputMode = { kind: 'live' } | { kind: 'once' } | { kind: 'watch'; count: number | undefined };

/**
 * Which output the flags ask for, or a UsageError for flags that do not go together. Without a terminal
 * on stdout (a pipe, cron) the live screen becomes `--once`.
 */
export function outputMode(flags: Flags, terminal: boolean): OutputMode {
  const count = flagNumber('count', flags);
  if (flags.watch) {
    if (flags.once) throw new UsageError('--watch and --once exclude each other: --watch repeats --once');
    if (!flags.json) throw new UsageError('--watch needs --json (one JSON document per poll cycle)');
    if (flags.wide) throw new UsageError('--wide is for the --once table, not --watch');
    return { kind: 'watch', count };
  }
  if (count !== undefined) throw new UsageError('--count needs --watch');
  if (flags.json && !flags.once && terminal) throw new UsageError('--json needs --once or --watch');
  if (flags.wide && !flags.once && terminal) throw new UsageError('--wide needs --once');
  return flags.once || !terminal ? { kind: 'once' } : { kind: 'live' };
}
