import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ConfigFile } from './config-schema.js';
import { UsageError } from './usage-error.js';

export type { ConfigFile, ConfigTarget } from './config-schema.js';

export interface LoadedConfig {
  config: ConfigFile;
  path: string;
}

/**
 * Reads and validates the TOML file; a missing default file is fine, a missing named one is not.
 * The parser and schema load only when there is a file, which keeps start-up short without one.
 */
export async function loadConfigFile(path: string, explicit: boolean): Promise<LoadedConfig | undefined> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !explicit) return undefined;
    throw new UsageError(`cannot read config file ${path} (${code ?? 'error'})`);
  }
  const { parseConfigText } = await import('./config-schema.js');
  const config = parseConfigText(text, path);
  // A relative token_file means relative to the config file, not to wherever the monitor was started.
  if (config.token_file) config.token_file = resolve(dirname(path), config.token_file);
  return { config, path };
}
