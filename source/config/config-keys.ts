import type { z } from 'zod';
import type { ThresholdsSchema } from './config-schema.js';
import type { options } from './options.js';

/**
 * The config file's types, derived from the option table as its schema is (config-schema.ts): a key
 * exists for every option with a `config` name, typed by the option's kind.
 */

type Table = typeof options;

/** An instance in the config: its id, or its id and a display name. */
export type ConfigInstance = string | { id: string; name?: string | undefined };

type ConfigValue<Option> = Option extends { type: 'number' }
  ? number
  : Option extends { type: 'switch' }
    ? boolean
    : Option extends { type: 'choice'; choices: readonly (infer Choice)[] }
      ? Choice
      : Option extends { multiple: true }
        ? ConfigInstance[]
        : string;

/** The config keys of the options that match `Filter`, each optional. */
type Keys<Filter> = {
  -readonly [Name in keyof Table as Table[Name] extends { config: infer Key extends string } & Filter
    ? Key
    : never]?: ConfigValue<Table[Name]> | undefined;
};

/** What one `[[targets]]` table may say. */
export type ConfigTarget = Keys<{ perTarget: true }>;

export type ConfigThresholds = z.infer<ThresholdsSchema>;

export type ConfigFile = Keys<unknown> & {
  thresholds?: ConfigThresholds | undefined;
  targets?: ConfigTarget[] | undefined;
};
