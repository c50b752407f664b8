import { printable } from '../server-text.js';
import { flagName, type OptionSpec, optionList, secretFlags } from './options.js';
import { UsageError } from './usage-error.js';

/**
 * The rules meow leaves to us, checked on argv before meow parses it. meow (yargs-parser underneath)
 * is lenient: an unknown flag becomes a key, `--once=yes` quietly means false and `--once false` false,
 * `--endpoint` without a value means "", `--no-endpoint` means false, and a repeated flag is a generic
 * Error. Each of these
 * is one line here, naming the flag as typed. The walk takes values the way yargs-parser does, so
 * the two agree on which word is a flag and which is a value.
 */

export type Asked = 'help' | 'version' | undefined;

const byFlag = new Map(optionList.map(([name, option]) => [flagName(name), option]));

/** A negative number is a value (`--rate -1` reaches the bounds check), as yargs-parser takes it. */
const negativeNumber = /^-(?:\d+(?:\.\d+)?|\.\d+)$/;

/** Whether yargs-parser would take `next` as the value of a flag before it. */
function isValue(next: string | undefined): next is string {
  return next !== undefined && (!next.startsWith('-') || negativeNumber.test(next));
}

/** Refuses flags that would put a secret into argv, without echoing the value. */
export function refuseSecretFlags(argv: readonly string[]): void {
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

/**
 * Walks argv up to `--`: returns whether --help or --version was asked (they win wherever they
 * stand), else throws the first mistake.
 */
export function checkArgv(argv: readonly string[]): Asked {
  let mistake: UsageError | undefined;
  const note = (message: string) => {
    mistake ??= new UsageError(message);
  };
  const seen = new Set<OptionSpec>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--') break;
    if (!argument.startsWith('-') || argument === '-' || negativeNumber.test(argument)) continue;
    const [typed = argument, inline] = argument.startsWith('--')
      ? splitInline(argument)
      : [argument, undefined];
    // The name as typed, made printable: it is echoed in the messages below.
    const shown = printable(typed);
    if (typed === '--help' || typed === '--version') return typed === '--help' ? 'help' : 'version';
    const name = typed.startsWith('--') ? typed.slice(2) : undefined;
    const negated = name?.startsWith('no-') ? byFlag.get(name.slice(3)) : undefined;
    const option = name === undefined ? undefined : (byFlag.get(name) ?? negated);
    if (!option || (negated && negated.type !== 'switch')) {
      note(`unknown flag ${shown} (see --help)`);
      continue;
    }
    if (option.type === 'switch') {
      if (inline !== undefined) note(`${shown} takes no value`);
      // yargs-parser would read `--once false` as the switch's value: a switch takes none.
      else if (!negated && /^(?:true|false)$/.test(argv[index + 1] ?? '')) {
        note(`${shown} takes no value`);
        index++;
      }
      continue;
    }
    if (inline === undefined) {
      if (isValue(argv[index + 1])) index++;
      else note(`${shown} needs a value (see --help)`);
    }
    if (option.type === 'text' && option.multiple) continue;
    if (seen.has(option)) note(`${shown} can only be set once`);
    seen.add(option);
  }
  if (mistake) throw mistake;
  return undefined;
}

/** `--name=value` as the name and the value; `--name` alone has no value. */
function splitInline(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return equals === -1 ? [argument, undefined] : [argument.slice(0, equals), argument.slice(equals + 1)];
}
