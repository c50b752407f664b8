import { isRegionId } from '../cloud/endpoints.js';
import { defaultMaxInstances, maxInstancesLimit } from '../cloud/instance-page.js';
import { languages } from '../language.js';
import { metricList } from '../metrics.js';
import { isInstanceId, isProjectId } from './identifiers.js';
import type { OptionSpec } from './option-spec.js';
import { recordingOptions } from './recording-options.js';
import { serveOptions } from './serve-options.js';

export type { NumberOption, OptionSpec, Section, TextRule } from './option-spec.js';

/**
 * Every option, declared once. meow's flags (command-line.ts), the --help text (help-text.ts), the
 * config file's schema (config-schema.ts) and the messages about a bad value (option-checks.ts) are
 * all derived from this table, so a bound or a default cannot differ between a flag and its key.
 *
 * The config file also has two tables that are not options: `[thresholds]` (the file's side of
 * --warn and --crit, thresholds.ts) and `[[targets]]` (one table per target, whose keys are the
 * options marked `perTarget`).
 */

export const options = {
  region: {
    type: 'text',
    section: 'targets',
    placeholder: 'id',
    help: 'e.g. cn-north-4; sets the GaussDB and IAM endpoints',
    config: 'region',
    perTarget: true,
    rule: { test: isRegionId, mustBe: 'a region id like cn-north-4' },
  },
  endpoint: {
    type: 'text',
    section: 'targets',
    placeholder: 'url',
    help: 'GaussDB API endpoint (overrides --region)',
    config: 'endpoint',
    perTarget: true,
  },
  iamEndpoint: {
    type: 'text',
    section: 'targets',
    placeholder: 'url',
    help: 'IAM endpoint for password login (overrides --region)',
    config: 'iam_endpoint',
    perTarget: true,
  },
  projectId: {
    type: 'text',
    section: 'targets',
    placeholder: 'id',
    help: '32 letters/digits (or HW_PROJECT_ID)',
    config: 'project_id',
    perTarget: true,
    rule: { test: isProjectId, mustBe: '32 letters or digits' },
  },
  instance: {
    type: 'text',
    section: 'targets',
    placeholder: 'id',
    help: '36 letters/digits; repeat for more',
    multiple: true,
    config: 'instances',
    perTarget: true,
    rule: { test: isInstanceId, mustBe: '36 letters or digits' },
  },
  discover: {
    type: 'switch',
    section: 'targets',
    help: 'monitor every instance the project lists',
    config: 'discover',
    perTarget: true,
  },
  allowKill: {
    type: 'switch',
    section: 'targets',
    help: 'allow K to kill a session from the drill-down (after a confirmation;\nevery attempt is recorded in $XDG_STATE_HOME/gaussdb-top/kill.log)',
    config: 'allow_kill',
    perTarget: true,
  },
  maxInstances: {
    type: 'number',
    section: 'targets',
    placeholder: 'n',
    help: 'refuse a listing of more than n instances',
    config: 'max_instances',
    default: defaultMaxInstances,
    min: 1,
    max: maxInstancesLimit,
    integer: true,
    unit: 'number',
  },
  config: {
    type: 'text',
    section: 'targets',
    placeholder: 'file',
    help: 'TOML file (default $XDG_CONFIG_HOME/gaussdb-top/config.toml)',
  },
  interval: {
    type: 'number',
    section: 'polling',
    placeholder: 's',
    help: 'seconds between polls of an instance',
    config: 'interval',
    default: 5,
    min: 1,
    max: 3600,
    unit: 'number of seconds',
  },
  rate: {
    type: 'number',
    section: 'polling',
    placeholder: 'n',
    help: 'requests per second across all instances',
    config: 'rate',
    default: 10,
    min: 0.01,
    unit: 'number of requests per second',
  },
  concurrency: {
    type: 'number',
    section: 'polling',
    placeholder: 'n',
    help: 'requests in flight at once',
    config: 'concurrency',
    default: 16,
    min: 1,
    max: 1024,
    integer: true,
    unit: 'number',
  },
  timeout: {
    type: 'number',
    section: 'polling',
    placeholder: 's',
    help: 'seconds a request may take',
    config: 'timeout',
    default: 10,
    min: 0.1,
    max: 300,
    unit: 'number of seconds',
  },
  lang: {
    type: 'choice',
    section: 'output',
    placeholder: languages.join('|'),
    help: 'labels and API messages (default from config, else LANG)',
    config: 'lang',
    choices: languages,
  },
  once: {
    type: 'switch',
    section: 'output',
    help: 'poll every instance once; exit 0 if all answered, 1 if not',
    default: false,
  },
  json: { type: 'switch', section: 'output', help: 'with --once: one JSON document', default: false },
  wide: {
    type: 'switch',
    section: 'output',
    help: 'with --once: the table always has an ID column (else only when names differ)',
  },
  node: {
    type: 'text',
    section: 'output',
    placeholder: 'id',
    help: 'with sessions: the node to ask (default: the primary, or the first CN)',
    rule: {
      test: (value: string) => /^[A-Za-z0-9._:-]{1,128}$/.test(value),
      mustBe: 'a node id (letters, digits, . _ : -)',
    },
  },
  demo: {
    type: 'switch',
    section: 'output',
    help: 'run against the built-in emulator; everything says DEMO',
    default: false,
  },
  color: {
    type: 'switch',
    section: 'output',
    help: 'no colour (NO_COLOR is honoured too)',
    default: true,
  },
  ascii: {
    type: 'switch',
    section: 'output',
    help: 'ASCII marks only, for terminals that draw ambiguous-width symbols wide',
    config: 'ascii',
    default: false,
  },
  warn: {
    type: 'text',
    section: 'output',
    placeholder: 'metric=n',
    help: `warn at or above n; metrics: ${metricList.map((metric) => metric.configName).join(', ')}`,
    multiple: true,
  },
  crit: {
    type: 'text',
    section: 'output',
    placeholder: 'metric=n',
    help: 'critical at or above n (repeat either flag per metric; [thresholds] in the config)',
    multiple: true,
  },
  ...recordingOptions,
  ...serveOptions,
  // Never a config key: the file outlives the moment it was needed (settings.ts, tlsUnchecked).
  insecure: {
    type: 'switch',
    section: 'tls',
    help: 'accept NODE_TLS_REJECT_UNAUTHORIZED=0 (certificates unchecked; the\nheader says INSECURE); refused without this flag',
  },
  tokenFile: {
    type: 'text',
    section: 'credentials',
    placeholder: 'path',
    help: 'a file holding a ready token, read again when it changes',
    config: 'token_file',
  },
  port: {
    type: 'number',
    section: 'emulator',
    placeholder: 'n',
    help: 'port on 127.0.0.1, 0 for any free one',
    default: 0,
    min: 0,
    max: 65535,
    integer: true,
    unit: 'port number',
  },
  instances: {
    type: 'number',
    section: 'emulator',
    placeholder: 'n',
    help: 'simulated instances',
    default: 12,
    min: 1,
    max: 100_000,
    integer: true,
    unit: 'number',
  },
  latency: {
    type: 'number',
    section: 'emulator',
    placeholder: 'ms',
    help: 'added to every answer',
    default: 0,
    min: 0,
    max: 60_000,
    unit: 'number of milliseconds',
  },
  rateLimit: {
    type: 'number',
    section: 'emulator',
    placeholder: 'n',
    help: 'requests per second before it answers 429, 0 for no limit',
    default: 0,
    min: 0,
    unit: 'number of requests per second',
  },
  churn: {
    type: 'number',
    section: 'emulator',
    placeholder: 'share',
    help: 'share of the instances that change each period (a still fleet, for benchmarks)',
    min: 0,
    max: 1,
    unit: 'fraction',
  },
  churnPeriod: {
    type: 'number',
    section: 'emulator',
    placeholder: 's',
    help: 'the period of --churn',
    default: 5,
    min: 0.1,
    unit: 'number of seconds',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof options;

/** Flags that would put a secret into argv (and so into `ps` and shell history): refused by name. */
export const secretFlags = ['token', 'password', 'ak', 'sk', 'secret-key', 'access-key', 'security-token'];

/** `iamEndpoint` -> `iam-endpoint`, the name a flag is typed with. */
export function flagName(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The table as a list, typed loosely, for code that walks every option. */
export const optionList: readonly (readonly [OptionName, OptionSpec])[] = Object.entries(options) as [
  OptionName,
  OptionSpec,
][];
