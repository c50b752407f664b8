/** What the option table (options.ts) says about each option. */

/** Where an option appears in --help. */
export type Section = 'targets' | 'polling' | 'output' | 'serve' | 'tls' | 'credentials' | 'emulator';

interface OptionBase {
  section: Section;
  /** What it does, for --help: one line, or more separated by \n. Defaults and bounds are added. */
  help: string;
  /** Its key in the config file; without one the option is a flag only. */
  config?: string;
  /** Its config key may also stand in each `[[targets]]` table. */
  perTarget?: true;
}

/** A flag without a value; `--no-<name>` turns it off. */
export interface SwitchOption extends OptionBase {
  type: 'switch';
  /** Without a default the switch is absent until given (so a config file can set it). */
  default?: boolean;
}

/** A rule for a text value; `mustBe` finishes "must be ..." in a message. */
export interface TextRule {
  test: (value: string) => boolean;
  mustBe: string;
}

export interface TextOption extends OptionBase {
  type: 'text';
  /** The value's name in --help: `--region <id>`. */
  placeholder: string;
  /** The flag may be given many times; its values are collected. */
  multiple?: true;
  rule?: TextRule;
}

export interface NumberOption extends OptionBase {
  type: 'number';
  placeholder: string;
  /** Without a default the option is off until given. */
  default?: number;
  min: number;
  max?: number;
  integer?: true;
  /** Finishes "must be a ..." in a message: `number of seconds`. */
  unit: string;
}

export interface ChoiceOption extends OptionBase {
  type: 'choice';
  placeholder: string;
  /** Accepted in any case (`zh-CN` is `zh-cn`). */
  choices: readonly string[];
}

export type OptionSpec = SwitchOption | TextOption | NumberOption | ChoiceOption;
