import { dirname, resolve } from 'node:path';
import type { ConfigFile } from './config-schema.js';
import { readRegularFile, UnreadableFileError } from './read-regular-file.js';

export type { ConfigFile, ConfigTarget } from './config-schema.js';

export interface LoadedConfig {
  config: ConfigFile;
  path: string;
}

/** A config of many targets is a few kilobytes; a megabyte is not a config. */
const maxConfigBytes = 1024 * 1024;

/**
 * Reads and validates the TOML file; a missing default file is fine, a missing named one is not.
 * The parser and schema load only when there is a file, which keeps start-up short without one.
 */
export async function loadConfigFile(path: string, explicit: boolean): Promise<LoadedConfig | undefined> {
  let text: string;
  try {
    text = readRegularFile(path, 'config file', maxConfigBytes);
  } catch (error) {
    if (error instanceof UnreadableFileError && error.code === 'ENOENT' && !explicit) return undefined;
    throw error;
  }
  const { parseConfigText } = await import('./config-schema.js');
  const config = parseConfigText(text, path);
  // A relative token_file means relative to the config file, not to wherever the monitor was started.
  if (config.token_file) config.token_file = resolve(dirname(path), config.token_file);
  return { config, path };
}
