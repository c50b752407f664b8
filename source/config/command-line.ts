import { parseArgs } from 'node:util';
import { printable } from '../server-text.js';
import { type Flags, flagDefinitions, secretFlags } from './flags.js';
import { UsageError } from './usage-error.js';

/**
 * What the command line asks for: a run with these flags, or the help or version text.
 * Parsed with Node's own `util.parseArgs`: importing meow (and its package.json normalisation) took
 * about 20 ms, as long as Node.js itself takes to start (bench/README.md, start-up); the rules it
 * enforced for us are here instead.
 */
export type CommandLine =
  | { kind: 'run'; flags: Flags; input: string[] }
  | { kind: 'help' }
  | { kind: 'version' };

type FlagName = keyof typeof flagDefinitions;

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const byKebab = new Map(Object.keys(flagDefinitions).map((name) => [kebab(name), name as FlagName]));
/** The types parseArgs needs to know which flags take the next argument as their value. */
const parseOptions = Object.fromEntries(
  Object.entries(flagDefinitions).map(([name, definition]) => [kebab(name), { type: definition.type }]),
);

/** Refuses flags that would put a secret into argv, without echoing the value. */
function refuseSecretFlags(argv: readonly string[]): void {
  for (const argument of argv) {
    if (argument === '--') return;
    const name = /^--?(?:no-)?([^=]+)/.exec(argument)?.[1];
    if (name && secretFlags.includes(name)) {
      throw new UsageError(
        `--${name} is not accepted: secrets never go on the command line; use GAUSSDB_TOKEN, --token-file or the environment (see --help)`,
      );
    }
  }
}

/** The switches with a default (false, or true for --color); every other flag is absent until given. */
function defaults(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(flagDefinitions).flatMap(([name, definition]) =>
      'default' in definition ? [[name, definition.default]] : [],
    ),
  );
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  refuseSecretFlags(argv);
  // Not strict: unknown flags, missing values and repeats get our own one-line messages.
  const { tokens } = parseArgs({
    args: [...argv],
    options: parseOptions,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const flags = defaults();
  const seen = new Set<string>();
  const input: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') input.push(token.value);
    if (token.kind !== 'option') continue;
    // The name as typed, made printable: it is echoed in the messages below.
    const shown = printable(token.rawName);
    if (token.name === 'help' || token.name === 'version') return { kind: token.name };
    const negated = token.name.startsWith('no-') ? byKebab.get(token.name.slice(3)) : undefined;
    const name = byKebab.get(token.name) ?? negated;
    const definition = name ? flagDefinitions[name] : undefined;
    if (!name || !definition || (negated && definition.type !== 'boolean')) {
      throw new UsageError(`unknown flag ${shown} (see --help)`);
    }
    if (definition.type === 'boolean') {
      if (token.inlineValue) throw new UsageError(`${shown} takes no value`);
      flags[name] = !negated;
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${shown} needs a value (see --help)`);
    if ('isMultiple' in definition) {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), token.value];
      continue;
    }
    if (seen.has(name)) throw new UsageError(`${shown} can only be set once`);
    seen.add(name);
    flags[name] = token.value;
  }
  return { kind: 'run', flags: flags as unknown as Flags, input };
}
