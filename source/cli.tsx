import { homedir } from 'node:os';
import meow from 'meow';
import { loadConfigFile } from './config/config-file.js';
import { resolveCredentials, tokenFileWarning } from './config/credentials.js';
import { type Flags, flagDefinitions, helpText, secretFlags } from './config/flags.js';
import { defaultConfigPath, resolveOptions, resolveSettings } from './config/settings.js';
import { UsageError } from './config/usage-error.js';
import { runOnce } from './modes/once.js';
import { colorWanted } from './ui/theme.js';

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Refuses flags that would put a secret into argv, without echoing the value. */
function refuseSecretFlags(argv: readonly string[]): void {
  for (const argument of argv) {
    const name = /^--?(?:no-)?([^=]+)/.exec(argument)?.[1];
    if (name && secretFlags.includes(name)) {
      throw new UsageError(
        `--${name} is not accepted: secrets never go on the command line; use GAUSSDB_TOKEN, --token-file or the environment (see --help)`,
      );
    }
  }
}

function parseFlags(argv: string[]): { flags: Flags; input: string[] } {
  refuseSecretFlags(argv);
  let cli: ReturnType<typeof meow<typeof flagDefinitions>>;
  try {
    cli = meow(helpText, { importMeta: import.meta, argv, flags: flagDefinitions, allowUnknownFlags: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const known = new Set([...Object.keys(flagDefinitions), 'help', 'version']);
  const unknown = Object.keys(cli.unnormalizedFlags).find((name) => !known.has(name));
  if (unknown) throw new UsageError(`unknown flag --${kebab(unknown)} (see --help)`);
  return { flags: cli.flags as Flags, input: cli.input };
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { flags, input } = parseFlags(argv);
  // The emulator, the demo and the live screen (Ink, React) load only when used: --once starts faster.
  if (input[0] === 'emulator' && input.length === 1) {
    const { runEmulator } = await import('./modes/emulator.js');
    return runEmulator(flags, process.stdout);
  }
  if (input.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(input[0])} (see --help)`);
  if (flags.json && !flags.once && process.stdout.isTTY) throw new UsageError('--json needs --once');

  const configPath = flags.config ?? defaultConfigPath(env, homedir());
  const loaded = await loadConfigFile(configPath, flags.config !== undefined);
  const file = loaded?.config ?? {};
  const once = flags.once || !process.stdout.isTTY;

  const output = { stdout: process.stdout, stderr: process.stderr };
  const color = colorWanted(flags.color, env);
  if (flags.demo) {
    const { startDemo } = await import('./demo.js');
    const demo = await startDemo(resolveOptions(flags, file, env));
    try {
      if (once) return await runOnce({ ...demo, ...output, json: flags.json, demo: true });
      const { runLive } = await import('./modes/live.js');
      return await runLive({ ...demo, ...output, demo: true, color });
    } finally {
      await demo.emulator.close();
    }
  }

  const settings = resolveSettings(flags, file, env);
  const credentials = resolveCredentials(env, settings.tokenFile);
  const warning = settings.tokenFile ? tokenFileWarning(settings.tokenFile) : undefined;
  if (warning) process.stderr.write(`gaussdb-top: warning: ${warning}\n`);
  if (once) return runOnce({ settings, credentials, ...output, json: flags.json, demo: false });
  const { runLive } = await import('./modes/live.js');
  return runLive({ settings, credentials, ...output, demo: false, color });
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`gaussdb-top: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `gaussdb-top: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
