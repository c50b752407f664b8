import { homedir } from 'node:os';
import { parseCommandLine } from './config/command-line.js';
import { loadConfigFile } from './config/config-file.js';
import { credentialChoice, credentialNotice } from './config/credential-notice.js';
import { resolveCredentials, tokenFileWarning } from './config/credentials.js';
import { description, helpText } from './config/help-text.js';
import { type OutputMode, outputMode } from './config/mode-flags.js';
import { refuseReplayFlags } from './config/replay-flags.js';
import { defaultConfigPath, resolveOptions, resolveSettings } from './config/settings.js';
import { UsageError } from './config/usage-error.js';
import { runOnce } from './modes/once.js';
import type { WatchOptions } from './modes/watch.js';
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
  const sessions = input[0] === 'sessions' && input.length === 1;
  if (input.length > 0 && !sessions) {
    throw new UsageError(`unexpected argument ${JSON.stringify(input[0])} (see --help)`);
  }
  if (flags.node !== undefined && !sessions) throw new UsageError('--node needs the sessions command');
  // `sessions` prints once, a table or (--json) JSON, on a terminal too.
  const mode: OutputMode = sessions ? { kind: 'once' } : outputMode(flags, process.stdout.isTTY === true);

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

  const settings = resolveSettings(flags, file, env);
  const credentials = resolveCredentials(env, settings.tokenFile);
  const choice = credentialChoice(env, settings.tokenFile, credentials);
  const notice = credentialNotice(choice);
  if (notice) process.stderr.write(`gaussdb-top: ${notice}\n`);
  const warning = settings.tokenFile ? tokenFileWarning(settings.tokenFile) : undefined;
  if (warning) process.stderr.write(`gaussdb-top: warning: ${warning}\n`);
  if (mode.kind === 'watch') return watch({ settings, credentials, demo: false });
  if (once)
    return runOnce({ settings, credentials, ...output, json: flags.json, wide: flags.wide, demo: false });
  const { runLive } = await import('./modes/live.js');
  return runLive({ settings, credentials, credentialChoice: choice, ...output, demo: false, color });
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
