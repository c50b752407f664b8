import { homedir } from 'node:os';
import { loadConfigFile } from '../config/config-file.js';
import type { Flags } from '../config/flags.js';
import { replayMode } from '../config/replay-flags.js';
import { defaultConfigPath, resolveOptions } from '../config/settings.js';
import { UsageError } from '../config/usage-error.js';
import { colorWanted } from '../ui/theme.js';
import { openRecording } from './replay-open.js';
import { printEvents, printState } from './replay-print.js';

interface Output {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/** `gaussdb-top replay FILE [...]`: the screen, the state at a time, or the events of a window. */
export async function runReplay(
  input: readonly string[],
  flags: Flags,
  env: NodeJS.ProcessEnv,
  output: Output,
) {
  if (input.length !== 2) {
    throw new UsageError(
      input.length < 2
        ? 'replay needs a recording: gaussdb-top replay FILE'
        : `unexpected argument ${JSON.stringify(input[2])} (see --help)`,
    );
  }
  const path = input[1] as string;
  const mode = replayMode(flags, output.stdout.isTTY === true);
  const configPath = flags.config ?? defaultConfigPath(env, homedir());
  const file = (await loadConfigFile(configPath, flags.config !== undefined))?.config ?? {};
  const options = resolveOptions(flags, file, env);
  const index = await openRecording(path, output.stderr);
  const print = { index, language: options.language, ...output };
  if (mode.kind === 'state') return printState(mode, print);
  if (mode.kind === 'events') return printEvents(mode, print);
  const { runReplayScreen } = await import('./replay.js');
  return runReplayScreen({
    path,
    index,
    at: mode.at,
    options,
    color: colorWanted(flags.color, env),
    stdout: output.stdout,
  });
}
