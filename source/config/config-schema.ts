import { parse, TomlError } from 'smol-toml';
import { z } from 'zod';
import { endpointProblem, isRegionId } from '../cloud/endpoints.js';
import { maxInstancesLimit } from '../cloud/instance-page.js';
import { languages } from '../language.js';
import { type MetricConfigName, metricList } from '../metrics.js';
import { printable } from '../server-text.js';
import { isInstanceId, isProjectId } from './identifiers.js';
import { UsageError } from './usage-error.js';

// Either level may be set alone, as with --warn and --crit; the other keeps its default.
const threshold = z
  .strictObject({ warn: z.number().nonnegative().optional(), crit: z.number().nonnegative().optional() })
  .refine(
    (value) => value.warn === undefined || value.crit === undefined || value.crit >= value.warn,
    'crit must be >= warn',
  )
  .optional();

const thresholds = Object.fromEntries(metricList.map((metric) => [metric.configName, threshold])) as Record<
  MetricConfigName,
  typeof threshold
>;

const endpoint = z.string().refine((value) => endpointProblem(value) === undefined, {
  error: (issue) => `endpoint ${endpointProblem(String(issue.input))}`,
});

const projectId = z.string().refine(isProjectId, 'must be 32 letters or digits');
const instanceId = z.string().refine(isInstanceId, 'must be 36 letters or digits');

const region = z.string().refine(isRegionId, 'must be a region id like cn-north-4');

const target = z.strictObject({
  region: region.optional(),
  endpoint: endpoint.optional(),
  iam_endpoint: endpoint.optional(),
  project_id: projectId.optional(),
  discover: z.boolean().optional(),
  instances: z
    .array(z.union([instanceId, z.strictObject({ id: instanceId, name: z.string().min(1).optional() })]))
    .optional(),
});

const configSchema = z.strictObject({
  ...target.shape,
  interval: z
    .number()
    .min(1, 'must be at least 1 second')
    .max(3600, 'must be at most 3600 seconds')
    .optional(),
  lang: z
    .preprocess((value) => (typeof value === 'string' ? value.toLowerCase() : value), z.enum(languages))
    .optional(),
  rate: z.number().positive().optional(),
  concurrency: z.number().int().min(1).max(1024).optional(),
  timeout: z.number().positive().max(300).optional(),
  max_instances: z.number().int().min(1).max(maxInstancesLimit).optional(),
  token_file: z.string().min(1).optional(),
  ascii: z.boolean().optional(),
  thresholds: z.strictObject(thresholds).optional(),
  targets: z.array(target).optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;
export type ConfigTarget = z.infer<typeof target>;

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
  return result.data;
}
