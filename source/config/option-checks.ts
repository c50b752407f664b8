import { quote } from './identifiers.js';
import type { ChoiceOption, NumberOption, TextRule } from './option-spec.js';
import { UsageError } from './usage-error.js';

/**
 * What is wrong with an option's value, as the end of a sentence ("must be a number of seconds
 * between 1 and 3600"), from the option table. The flag and the config file say the same thing, each
 * naming its own source: `--rate must be ...` for a flag, `config.toml:3: rate: must be ...` for a key.
 */

/** A number's rule in words: "a whole number between 1 and 1024", "a number of seconds >= 0.1". */
export function numberRule(rule: Pick<NumberOption, 'min' | 'max' | 'integer' | 'unit'>): string {
  const bounds = rule.max === undefined ? `>= ${rule.min}` : `between ${rule.min} and ${rule.max}`;
  return `${rule.integer ? 'a whole' : 'a'} ${rule.unit} ${bounds}`;
}

export function numberProblem(
  rule: Pick<NumberOption, 'min' | 'max' | 'integer' | 'unit'>,
  value: number,
): string | undefined {
  const ok =
    Number.isFinite(value) &&
    value >= rule.min &&
    (rule.max === undefined || value <= rule.max) &&
    (!rule.integer || Number.isInteger(value));
  return ok ? undefined : `must be ${numberRule(rule)}`;
}

/** A flag's text as a number: digits with an optional fraction, nothing else (no `1e3`, no `0x10`). */
function numberFromText(raw: string): number {
  return /^\s*[+]?\d+(?:\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
}

/** A flag value (text) or a default as a number within bounds, or a UsageError naming `name`. */
export function parseNumber(
  name: string,
  raw: string | number,
  rule: Pick<NumberOption, 'min' | 'max' | 'integer' | 'unit'>,
): number {
  const value = typeof raw === 'number' ? raw : numberFromText(raw);
  const problem = numberProblem(rule, value);
  if (problem) throw new UsageError(`${name} ${problem}, got ${quote(raw)}`);
  return value;
}

export function choiceRule(option: Pick<ChoiceOption, 'choices'>): string {
  const choices = option.choices;
  return choices.length < 2
    ? choices.join('')
    : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
}

/** A choice in any case (`zh-CN` is `zh-cn`), or a UsageError naming `name`. */
export function parseChoice<Choice extends string>(
  name: string,
  raw: string,
  option: { choices: readonly Choice[] },
): Choice {
  const value = raw.toLowerCase();
  const choice = option.choices.find((candidate) => candidate === value);
  if (choice === undefined)
    throw new UsageError(`${name} must be ${choiceRule(option)}, got ${quote(value)}`);
  return choice;
}

/** A text value that must follow its option's rule, or a UsageError naming `name`. */
export function checkText(name: string, raw: string, rule: TextRule): string {
  if (!rule.test(raw)) throw new UsageError(`${name} must be ${rule.mustBe}, got ${quote(raw)}`);
  return raw;
}
