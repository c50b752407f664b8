import type { options } from './options.js';

type Table = typeof options;

/** What a flag holds: switches a boolean, the rest their text (numbers too, to name a bad one exactly). */
type FlagValue<Option> = Option extends { type: 'switch' }
  ? boolean
  : Option extends { multiple: true }
    ? string[]
    : string;

/** Switches with a default are always there; every other flag is absent until given. */
type Present<Option> = Option extends { type: 'switch'; default: boolean } ? true : false;

/** The command line as parseCommandLine returns it, one key per option of the table. */
export type Flags = {
  -readonly [Name in keyof Table as Present<Table[Name]> extends true ? Name : never]: FlagValue<Table[Name]>;
} & {
  -readonly [Name in keyof Table as Present<Table[Name]> extends true ? never : Name]?:
    | FlagValue<Table[Name]>
    | undefined;
};
