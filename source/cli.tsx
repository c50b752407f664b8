import { homedir } from 'node:os';
import { parseCommandLine } from './config/command-line.js';
import type { ConfigFile } from './config/config-file.js';
import { loadConfigFile } from './config/config-file.js';
import { credentialChoice, credentialNotice } from './config/credential-notice.js';
import type { Credentials } from './config/credentials.js';
import { resolveCredentials, tokenFileWarning } from './config/credentials.js';
import type { Flags } from './config/flags.js';
import { description, helpText } from './config/help-text.js';
import { type OutputMode, outputMode } from './config/mode-flags.js';
import { flagName } from './config/options.js';
import { refuseReplayFlags } from './config/replay-flags.js';
import type { Settings } from './config/settings.js';
import { defaultConfigPath, resolveOptions, resolveSettings } from './config/settings.js';
import { resolveSource } from './config/source-url.js';
import { UsageError } from './config/usage-error.js';
import { runOnce } from './modes/once.js';
import { onStdoutError } from './modes/stdout-errors.js';
import type { WatchOptions } from './modes/watch.js';
import { resolveServeSettings, type ServeSettings, serveOnlyFlags } from './serve/serve-settings.js';
import { printable } from './server-text.js';
import { colorWanted } from './ui/theme.js';
import { versionText } from './version.js';

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const command = parseCommandLine(argv);
  if (command.kind === 'help') {
    process.stdout.write(`\n  ${description}\n${helpText()}\n`);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${versionText()}\n`);
    return 0;
  }
  const { flags, input } = command;
  // Every printing mode: a reader leaving ends the run quietly, a full disk is named (stdout-errors.ts).
  onStdoutError(
    process.stdout,
    process.stderr,
    (status) => process.exit(status),
    () => Number(process.exitCode ?? 0),
  );
  // The emulator, the demo and the live screen (Ink, React) load only when used: --once starts faster.
  if (input[0] === 'emulator' && input.length === 1) {
    const { runEmulator } = await import('./modes/emulator.js');
    return runEmulator(flags, process.stdout);
  }
  if (input[0] === 'replay') {
    const { runReplay } = await import('./modes/replay-command.js');
    return runReplay(input, flags, env, { stdout: process.stdout, stderr: process.stderr });
  }
  refuseReplayFlags(flags);
  const sessions = input[0] === 'sessions';
  const serving = input[0] === 'serve';
  if (!serving) refuseServeFlags(flags);
  // The demo fleet is for trying the screens: it is not served, and it is not a source's fleet.
  if (flags.demo && serving)
    throw new UsageError('--demo does not apply to serve (it polls a real API; try gaussdb-top --demo)');
  if (flags.demo && flags.source !== undefined)
    throw new UsageError('--demo and --source exclude each other: the demo polls its own emulator');
  // The first word that is not a command (`sessions extra` names `extra`).
  const unexpected = sessions || serving ? input[1] : input[0];
  if (unexpected !== undefined)
    throw new UsageError(`unexpected argument ${JSON.stringify(unexpected)} (see --help)`);
  if (sessions) refuseFlags(flags, notForSessions, 'the sessions command (it prints one list, once)');
  if (flags.node !== undefined && !sessions) throw new UsageError('--node needs the sessions command');
  // `sessions` prints once, a table or (--json) JSON, on a terminal too.
  const mode: OutputMode = sessions ? { kind: 'once' } : outputMode(flags, process.stdout.isTTY === true);
  // They ring a screen's terminal: asked for where there is no screen, they would be lost in silence.
  // (`bell` and `notify` in the config file apply to live screens only, so a cron job is not refused.)
  if ((flags.bell || flags.notify) && (serving || mode.kind !== 'live'))
    throw new UsageError(
      `--${flags.bell ? 'bell' : 'notify'} rings a live screen; ${serving ? 'serve' : 'this output'} has none (alert on the JSON or on Prometheus instead)`,
    );

  const configPath = flags.config ?? defaultConfigPath(env, homedir());
  const loaded = await loadConfigFile(configPath, flags.config !== undefined);
  const file = loaded?.config ?? {};
  const once = mode.kind === 'once';
  const output = { stdout: process.stdout, stderr: process.stderr };
  const watch = async (run: Omit<WatchOptions, 'count' | 'stdout' | 'stderr'>) => {
    const { runWatch } = await import('./modes/watch.js');
    return runWatch({ ...run, ...output, count: mode.kind === 'watch' ? mode.count : undefined });
  };
  const color = colorWanted(flags.color, env);
  if (sessions) {
    const { runSessionsCommand } = await import('./modes/sessions-command.js');
    return runSessionsCommand(flags, file, env, output);
  }
  if (flags.demo) {
    const { startDemo } = await import('./demo.js');
    const demo = await startDemo(resolveOptions(flags, file, env));
    try {
      if (mode.kind === 'watch') return await watch({ ...demo, demo: true });
      if (once) return await runOnce({ ...demo, ...output, json: flags.json, wide: flags.wide, demo: true });
      const { runLive } = await import('./modes/live.js');
      return await runLive({ ...demo, ...output, demo: true, color });
    } finally {
      await demo.emulator.close();
    }
  }

  // `serve`'s own flags are checked first: a refused --listen binds nothing and polls nothing.
  const serveSettings = serving ? resolveServeSettings(flags) : undefined;
  warnIfReadable(flags.webTokenFile, 'web token file');
  if (flags.source !== undefined) {
    if (serving) throw new UsageError('--source is for screens; serve polls the API itself');
    // The recording belongs where the polling is (`serve --record`); a source only reads.
    if (flags.record !== undefined)
      throw new UsageError('--record does not apply to --source (record where it polls: serve --record)');
    return attach(flags, file, env, mode, color);
  }
  if (flags.sourceTokenFile !== undefined) throw new UsageError('--source-token-file needs --source');
  const settings = resolveSettings(flags, file, env);
  const credentials = resolveCredentials(env, settings.tokenFile);
  const choice = credentialChoice(env, settings.tokenFile, credentials);
  const notice = credentialNotice(choice);
  if (notice) process.stderr.write(`gaussdb-top: ${notice}\n`);
  warnIfReadable(settings.tokenFile, 'token file');
  if (serving) return serve(settings, credentials, serveSettings);
  if (mode.kind === 'watch') return watch({ settings, credentials, demo: false });
  if (once)
    return runOnce({ settings, credentials, ...output, json: flags.json, wide: flags.wide, demo: false });
  const { runLive } = await import('./modes/live.js');
  return runLive({ settings, credentials, credentialChoice: choice, ...output, demo: false, color });
}

/** Every secret file others can read draws the same warning: the token, the web and source tokens. */
function warnIfReadable(path: string | undefined, what: string): void {
  const warning = path === undefined ? undefined : tokenFileWarning(path, what);
  if (warning) process.stderr.write(`gaussdb-top: warning: ${warning}\n`);
}

/** `serve`'s flags without `serve`: named, not ignored. */
/** Flags of the polling modes that mean nothing to `sessions`: refused rather than silently ignored. */
const notForSessions = [
  'watch',
  'count',
  'once',
  'record',
  'recordMax',
  'bell',
  'notify',
  'wide',
  'discover',
] as const;

function refuseFlags(flags: Flags, names: readonly (keyof Flags)[], where: string): void {
  const given = names.find((name) => flags[name] !== undefined && flags[name] !== false);
  if (given) throw new UsageError(`--${flagName(String(given))} does not apply to ${where}`);
}

function refuseServeFlags(flags: Flags): void {
  const given = serveOnlyFlags.find((name) => flags[name] !== undefined);
  if (given) throw new UsageError(`--${flagName(given)} needs the serve command`);
}

async function serve(settings: Settings, credentials: Credentials, serve: ServeSettings | undefined) {
  const { runServe } = await import('./modes/serve.js');
  return runServe({ settings, credentials, serve: serve as ServeSettings, stderr: process.stderr });
}

/** A screen (or --once) that reads a `serve` poller or Prometheus: no cloud credentials are read. */
async function attach(
  flags: Flags,
  file: ConfigFile,
  env: NodeJS.ProcessEnv,
  mode: OutputMode,
  color: boolean,
) {
  const source = resolveSource(flags.source ?? '', flags.sourceTokenFile, env);
  // A poller's screen shows the poller's fleet (its own --instance list); picking here is Prometheus'.
  if (source.kind === 'poller' && flags.instance !== undefined)
    throw new UsageError(
      '--instance does not apply to a poller source (the poller chooses its fleet; filter with /)',
    );
  warnIfReadable(flags.sourceTokenFile, 'source token file');
  const { runSource } = await import('./modes/source.js');
  return runSource({
    source,
    options: resolveOptions(flags, file, env),
    instanceIds: flags.instance ?? [],
    mode,
    json: flags.json,
    wide: flags.wide === true,
    color,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

// `ps`, `top` and tmux show gaussdb-top rather than node.
process.title = 'gaussdb-top';
main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Usage errors quote what the user (or a config file) gave: one printable line, whatever it held.
    if (error instanceof UsageError) {
      process.stderr.write(`gaussdb-top: ${printable(error.message)}\n`);
      process.exitCode = 2;
      return;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      `gaussdb-top: unexpected failure: ${detail.split('\n').map(printable).join('\n')}\n`,
    );
    process.exitCode = 70;
  },
);
