import type { Flags } from './flags.js';
import { flagName, type OptionName, options } from './options.js';
import { UsageError } from './usage-error.js';

/** What `gaussdb-top replay FILE` is asked to do. */
export type ReplayMode =
  /** The screen, at `at` (a typed time) or at the start. */
  | { kind: 'screen'; at: string | undefined }
  /** The state at `at` (or the end), as --once prints it. */
  | { kind: 'state'; at: string | undefined; json: boolean; wide: boolean }
  /** The events from `from` to `to` (or the whole recording), as NDJSON. */
  | { kind: 'events'; from: string | undefined; to: string | undefined };

/** Flags that mean something to a replay; every other one is refused by name. */
const replayFlags = new Set<OptionName>([
  'at',
  'from',
  'to',
  'once',
  'json',
  'wide',
  'lang',
  'color',
  'ascii',
  'config',
]);
const replayOnly: readonly OptionName[] = ['at', 'from', 'to'];

/** A flag that was given: a switch away from its default, or any value. */
function given(flags: Flags, name: OptionName): boolean {
  const value = (flags as Record<string, unknown>)[name];
  if (value === undefined) return false;
  const option = options[name];
  return !(option.type === 'switch' && 'default' in option && option.default === value);
}

/** Refuses --at, --from and --to outside `replay`. */
export function refuseReplayFlags(flags: Flags): void {
  const stray = replayOnly.find((name) => given(flags, name));
  if (stray)
    throw new UsageError(`--${stray} needs the replay command (gaussdb-top replay FILE --${stray} ...)`);
}

/** What the flags ask of a replay, or a UsageError for flags that do not go with it or each other. */
export function replayMode(flags: Flags, terminal: boolean): ReplayMode {
  for (const name of Object.keys(flags) as OptionName[]) {
    if (!replayFlags.has(name) && given(flags, name))
      throw new UsageError(`--${flagName(name)} does not apply to replay (see --help)`);
  }
  const window = flags.from !== undefined || flags.to !== undefined;
  if (window) {
    if (flags.once)
      throw new UsageError('--from and --to print events (with --json), not --once: use --at with --once');
    if (!flags.json) throw new UsageError('--from and --to need --json (the events, one per line)');
    if (flags.at !== undefined) throw new UsageError('--at and --from/--to exclude each other');
    return { kind: 'events', from: flags.from, to: flags.to };
  }
  if (flags.json && !flags.once) {
    // --json alone prints every event: a moment would be silently ignored.
    if (flags.at !== undefined)
      throw new UsageError(
        '--at with --json needs --once (the state at that time); for events use --from/--to',
      );
    return { kind: 'events', from: undefined, to: undefined };
  }
  if (flags.wide && !flags.once && terminal) throw new UsageError('--wide needs --once');
  if (flags.once || !terminal)
    return { kind: 'state', at: flags.at, json: flags.json, wide: flags.wide === true };
  return { kind: 'screen', at: flags.at };
}
