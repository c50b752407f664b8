import meow, { type AnyFlag } from 'meow';
import { version } from '../version.js';
import { checkArgv, refuseSecretFlags } from './argv-check.js';
import type { Flags } from './flags.js';
import { type OptionName, optionList } from './options.js';

/** What the command line asks for: a run with these flags, or the help or version text. */
export type CommandLine =
  | { kind: 'run'; flags: Flags; input: string[] }
  | { kind: 'help' }
  | { kind: 'version' };

/**
 * meow's flags, from the option table. Every value is text (numbers too) so a bad one is named
 * exactly as typed; the option table's bounds are applied later (settings.ts).
 */
const meowFlags = Object.fromEntries(
  optionList.map(([name, option]): [string, AnyFlag] => {
    if (option.type === 'switch') {
      return [
        name,
        { type: 'boolean', ...(option.default === undefined ? {} : { default: option.default }) },
      ];
    }
    return [
      name,
      option.type === 'text' && option.multiple ? { type: 'string', isMultiple: true } : { type: 'string' },
    ];
  }),
);

/** A package.json for meow, so it need not look for one (and names the process as cli.tsx does). */
const pkg = { name: 'gaussdb-top', version };

export function parseCommandLine(argv: readonly string[]): CommandLine {
  refuseSecretFlags(argv);
  const asked = checkArgv(argv);
  if (asked) return { kind: asked };
  const cli = meow({
    importMeta: import.meta,
    argv,
    flags: meowFlags,
    pkg,
    version,
    description: false,
    // --help and --version are ours (they win wherever they stand, and never exit the process).
    autoHelp: false,
    autoVersion: false,
    // Switches without a default stay absent, so a config file can still set them.
    booleanDefault: undefined,
  });
  const flags: Record<string, unknown> = {};
  for (const [name] of optionList) {
    const value: unknown = cli.flags[name as OptionName];
    // meow gives a repeatable flag an empty list when it is absent: absent it stays.
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    flags[name] = value;
  }
  return { kind: 'run', flags: flags as Flags, input: cli.input.map(String) };
}
