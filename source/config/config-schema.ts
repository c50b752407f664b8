import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import { endpointProblem } from '../cloud/endpoints.js';
import { type MetricConfigName, metricList } from '../metrics.js';
import { printable } from '../server-text.js';
import type { ConfigFile } from './config-keys.js';
import { choiceRule, numberProblem, numberRule } from './option-checks.js';
import { type OptionSpec, optionList, options } from './options.js';
import { UsageError } from './usage-error.js';

export type { ConfigFile, ConfigTarget, ConfigThresholds } from './config-keys.js';
export type ThresholdsSchema = typeof thresholds;

// Either level may be set alone, as with --warn and --crit; the other keeps its default.
const threshold = z
  .strictObject({ warn: z.number().nonnegative().optional(), crit: z.number().nonnegative().optional() })
  .refine(
    (value) => value.warn === undefined || value.crit === undefined || value.crit >= value.warn,
    'crit must be >= warn',
  )
  .optional();

const thresholds = z.strictObject(
  Object.fromEntries(metricList.map((metric) => [metric.configName, threshold])) as Record<
    MetricConfigName,
    typeof threshold
  >,
);

/** A config key's schema from its option in the table: its type, bounds or rule, and their words. */
function keySchema(option: OptionSpec): z.ZodType {
  switch (option.type) {
    case 'number':
      return z
        .number({ error: `must be ${numberRule(option)}` })
        .refine((value) => numberProblem(option, value) === undefined, {
          error: (issue) => `${numberProblem(option, Number(issue.input))}, got ${issue.input}`,
        });
    case 'switch':
      return z.boolean({ error: 'must be true or false' });
    case 'choice':
      // zh-CN as the locale spells it is zh-cn too.
      return z.preprocess(
        (value) => (typeof value === 'string' ? value.toLowerCase() : value),
        z.enum(option.choices as [string, ...string[]], { error: `must be ${choiceRule(option)}` }),
      );
    case 'text': {
      const text = z.string({ error: 'must be a string' });
      const rule = option.rule;
      return rule ? text.refine(rule.test, `must be ${rule.mustBe}`) : text.min(1, 'must not be empty');
    }
  }
}

const endpoint = z.string().refine((value) => endpointProblem(value) === undefined, {
  error: (issue) => `endpoint ${endpointProblem(String(issue.input))}`,
});

const instanceId = keySchema(options.instance);

/** Keys whose value is not an option's plain value: endpoints (never echoed) and named instances. */
const specialKeys: Record<string, z.ZodType> = {
  endpoint,
  iam_endpoint: endpoint,
  instances: z.array(
    z.union([instanceId, z.strictObject({ id: instanceId, name: z.string().min(1).optional() })]),
  ),
};

/** The config keys of the options that `which` picks, each optional. */
function keys(which: (option: OptionSpec) => boolean): Record<string, z.ZodType> {
  return Object.fromEntries(
    optionList.flatMap(([, option]) =>
      option.config && which(option)
        ? [[option.config, (specialKeys[option.config] ?? keySchema(option)).optional()]]
        : [],
    ),
  );
}

const target = z.strictObject(keys((option) => option.perTarget === true));

const configSchema = z.strictObject({
  ...keys(() => true),
  thresholds: thresholds.optional(),
  targets: z.array(target).optional(),
});

/** The config keys that a `[[targets]]` table and the top level may hold (for tests). */
export const targetKeys: readonly string[] = Object.keys(target.shape);
export const topLevelKeys: readonly string[] = Object.keys(configSchema.shape);

/**
 * The 1-based line on which a key first appears, to point the user at it: as `key =` at the start of a
 * line or inside an inline table (`lock = { warm = 1 }`), or as a table header.
 */
function lineOf(text: string, key: string | number | undefined): number | undefined {
  if (typeof key !== 'string') return undefined;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `(?:^|[{,])\\s*(?:${escaped}\\s*=)|^\\s*\\[{1,2}\\s*(?:[\\w.]+\\.)?${escaped}\\s*\\]{1,2}`,
  );
  const index = text.split('\n').findIndex((line) => pattern.test(line));
  return index === -1 ? undefined : index + 1;
}

/** A key path for a message; keys come from the file, so they are made printable (escapes and all). */
function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${printable(String(key))}`,
    )
    .join('');
}

function firstProblem(error: z.ZodError, text: string, file: string): string {
  // An unknown key explains the rest (`warm` for `warn` also leaves `warn` missing): name it first.
  const issue = error.issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? error.issues[0];
  if (!issue) return `${file}: invalid configuration`;
  const lastKey = [...issue.path].reverse().find((key) => typeof key === 'string') as string | undefined;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const where = describePath([...issue.path, key]);
    return `${file}:${lineOf(text, key) ?? '?'}: unknown key ${where}`;
  }
  const line = lineOf(text, lastKey);
  return `${file}${line ? `:${line}` : ''}: ${describePath(issue.path) || 'config'}: ${issue.message}`;
}

/** Parses and validates the TOML text of a config file; every problem is one UsageError with its line. */
export function parseConfigText(text: string, path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'syntax error';
      throw new UsageError(`${path}:${error.line}: malformed TOML: ${reason}`);
    }
    throw new UsageError(`${path}: malformed TOML`);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new UsageError(firstProblem(result.error, text, path));
  // The schema is built from the option table, whose types ConfigFile follows (config-keys.ts).
  return result.data as ConfigFile;
}
