import {
  endpointProblem,
  gaussdbEndpoint,
  iamEndpoint,
  normaliseEndpoint,
  shownEndpoint,
} from '../cloud/endpoints.js';
import { languageFromEnvironment } from '../i18n/detect.js';
import type { Language } from '../language.js';
import type { Thresholds } from '../monitor/severity.js';
import { recordingTargetProblem } from '../record/recording-target.js';
import type { ConfigFile, ConfigTarget } from './config-file.js';
import type { Flags } from './flags.js';
import { quote } from './identifiers.js';
import { checkText, parseChoice, parseNumber } from './option-checks.js';
import { flagName, type OptionName, options } from './options.js';
import { defaultRecordMaxBytes } from './recording-options.js';
import { parseSize } from './size.js';
import { resolveThresholds } from './thresholds.js';
import { UsageError } from './usage-error.js';

export { parseNumber } from './option-checks.js';

export interface InstanceRef {
  id: string;
  /** A display name from the config; discovery fills in the API's name. */
  name?: string | undefined;
}

export interface Target {
  endpoint: string;
  /** Only needed for IAM password login. */
  iamEndpoint?: string | undefined;
  projectId: string;
  instances: InstanceRef[];
  discover: boolean;
  /** The user allowed kills on this target's instances (`--allow-kill`, `allow_kill = true`). */
  allowKill?: boolean | undefined;
}

export interface Settings {
  targets: Target[];
  intervalMs: number;
  language: Language;
  /** Requests per second across all instances. */
  rate: number;
  concurrency: number;
  timeoutMs: number;
  thresholds: Thresholds;
  tokenFile?: string | undefined;
  /** ASCII marks instead of symbols of ambiguous width. */
  ascii: boolean;
  /** TLS certificates go unchecked (NODE_TLS_REJECT_UNAUTHORIZED=0, accepted with --insecure). */
  insecure?: boolean | undefined;
  /** The most instances one discovery listing may return (the client's default when absent). */
  maxInstances?: number | undefined;
  /** Where answers and errors are recorded (`--record`), and the size at which the file rotates. */
  record?: RecordTarget | undefined;
  /** Ring the terminal bell when an instance enters CRIT or ERROR. */
  bell?: boolean | undefined;
  /** Send a desktop notification (OSC 9, OSC 777) when an instance enters CRIT or ERROR. */
  notify?: boolean | undefined;
}

export interface RecordTarget {
  path: string;
  maxBytes: number;
}

function recordTarget(flags: Flags): RecordTarget | undefined {
  if (flags.record === undefined) {
    if (flags.recordMax !== undefined) throw new UsageError('--record-max needs --record');
    return undefined;
  }
  const maxBytes =
    flags.recordMax === undefined ? defaultRecordMaxBytes : parseSize('--record-max', flags.recordMax);
  // Refused before anything is polled: appending would corrupt a file that is not a recording.
  const problem = recordingTargetProblem(flags.record);
  if (problem) throw new UsageError(`--record ${flags.record} ${problem}`);
  return { path: flags.record, maxBytes };
}

type NumberName = {
  [Name in OptionName]: (typeof options)[Name] extends { type: 'number' } ? Name : never;
}[OptionName];

/**
 * A number flag's value, checked against the option table and named as the flag; undefined when
 * the flag is absent. A config file's value was checked by its schema against the same table, and
 * named there with the file, line and key.
 */
export function flagNumber(name: NumberName, flags: Flags): number | undefined {
  const raw = flags[name];
  return raw === undefined ? undefined : parseNumber(`--${flagName(name)}`, raw, options[name]);
}

function checkedEndpoint(name: string, url: string): string {
  const problem = endpointProblem(url);
  // Never the password of `https://user:password@host` in a message.
  if (problem) throw new UsageError(`${name} ${quote(shownEndpoint(url))} ${problem}`);
  return normaliseEndpoint(url);
}

interface EndpointSource {
  region?: string | undefined;
  endpoint?: string | undefined;
  iam_endpoint?: string | undefined;
}

/** `where` prefixes messages about a config file target (`targets[1]: `); empty for flags. */
function endpointsOf(
  source: EndpointSource,
  where = '',
): { endpoint: string; iamEndpoint?: string | undefined } {
  const rule = options.region.rule;
  if (source.region !== undefined && !rule.test(source.region)) {
    throw new UsageError(`${where}region must be ${rule.mustBe}, got ${quote(source.region)}`);
  }
  let endpoint = source.endpoint;
  if (!endpoint && source.region) {
    endpoint = gaussdbEndpoint(source.region);
    if (!endpoint)
      throw new UsageError(`${where}unknown region ${quote(source.region)}; give --endpoint too`);
  }
  if (!endpoint) throw new UsageError(`${where}no endpoint: give --region or --endpoint`);
  const iam = source.iam_endpoint ?? (source.region ? iamEndpoint(source.region) : undefined);
  return {
    endpoint: checkedEndpoint(`${where}endpoint`, endpoint),
    iamEndpoint: iam === undefined ? undefined : checkedEndpoint(`${where}IAM endpoint`, iam),
  };
}

function flagEndpoints(flags: Flags): EndpointSource {
  return { region: flags.region, endpoint: flags.endpoint, iam_endpoint: flags.iamEndpoint };
}

/**
 * Endpoint settings from the lowest layer (the file's top level) to the highest (flags). A layer that
 * names a region replaces the endpoints below it; an endpoint overrides just itself, so
 * `--endpoint` alone keeps the region's IAM endpoint.
 */
function layered(layers: readonly EndpointSource[]): EndpointSource {
  let result: EndpointSource = {};
  for (const layer of layers) {
    if (layer.region !== undefined) result = { region: layer.region };
    if (layer.endpoint) result.endpoint = layer.endpoint;
    if (layer.iam_endpoint) result.iam_endpoint = layer.iam_endpoint;
  }
  return result;
}

function flagTarget(flags: Flags, file: ConfigFile, env: NodeJS.ProcessEnv): Target {
  const projectId = flags.projectId ?? file.project_id ?? environmentProjectId(env);
  if (!projectId) throw new UsageError('no project: give --project-id (or set HW_PROJECT_ID)');
  if (flags.projectId !== undefined) checkText('--project-id', projectId, options.projectId.rule);
  for (const id of flags.instance ?? []) checkText('--instance', id, options.instance.rule);
  const names = new Map(fileInstances(file).map((ref) => [ref.id, ref.name]));
  const ids = flags.instance?.length ? flags.instance : fileInstances(file).map((ref) => ref.id);
  return {
    ...endpointsOf(layered([file, flagEndpoints(flags)])),
    projectId,
    instances: [...new Set(ids)].map((id) => ({ id, name: names.get(id) })),
    discover: flags.discover ?? file.discover ?? false,
    allowKill: flags.allowKill ?? file.allow_kill ?? false,
  };
}

/** The project id from the environment, checked and named as the variable that held it. */
function environmentProjectId(env: NodeJS.ProcessEnv): string | undefined {
  for (const variable of ['HUAWEICLOUD_SDK_PROJECT_ID', 'HW_PROJECT_ID']) {
    const value = env[variable];
    if (value) return checkText(variable, value, options.projectId.rule);
  }
  return undefined;
}

function fileInstances(source: ConfigTarget): InstanceRef[] {
  return (source.instances ?? []).map((entry) => (typeof entry === 'string' ? { id: entry } : entry));
}

function fileTarget(target: ConfigTarget, index: number, file: ConfigFile, flags: Flags): Target {
  const where = `targets[${index}]: `;
  const projectId = target.project_id ?? file.project_id;
  if (!projectId) throw new UsageError(`${where}no project_id`);
  return {
    ...endpointsOf(layered([file, target, flagEndpoints(flags)]), where),
    projectId,
    instances: fileInstances(target),
    discover: target.discover ?? file.discover ?? false,
    // The flag speaks for every target; a target's own key, else the file's top level, for itself.
    allowKill: flags.allowKill ?? target.allow_kill ?? file.allow_kill ?? false,
  };
}

export type Options = Omit<Settings, 'targets'>;

/**
 * What to monitor: flags naming a project or instances define the single target; otherwise the
 * config file's targets apply (with endpoint flags overriding theirs).
 */
export function resolveTargets(flags: Flags, file: ConfigFile, env: NodeJS.ProcessEnv): Target[] {
  const flagsNameTarget = Boolean(flags.projectId || flags.instance?.length || flags.discover);
  const targets =
    file.targets?.length && !flagsNameTarget
      ? file.targets.map((target, index) => fileTarget(target, index, file, flags))
      : [flagTarget(flags, file, env)];
  for (const [index, target] of targets.entries()) {
    if (!target.discover && target.instances.length === 0) {
      const where = targets.length > 1 ? `targets[${index}]: ` : '';
      throw new UsageError(`${where}no instances: give --instance <id> or --discover`);
    }
  }
  return targets;
}

/**
 * Whether TLS certificates go unchecked. Node.js stops checking them when NODE_TLS_REJECT_UNAUTHORIZED
 * is exactly "0", and would then hand the credentials to whoever answers: only an explicit --insecure
 * accepts that (never the config file, which outlives the moment it was needed).
 */
export function tlsUnchecked(flags: Pick<Flags, 'insecure'>, env: NodeJS.ProcessEnv): boolean {
  if (env.NODE_TLS_REJECT_UNAUTHORIZED !== '0') return false;
  if (!flags.insecure) {
    throw new UsageError(
      'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS certificate checks, so credentials could go to any server: unset it (add a private CA with NODE_EXTRA_CA_CERTS) or pass --insecure',
    );
  }
  return true;
}

/** How to monitor: flags over the config file over the environment over defaults. */
export function resolveOptions(flags: Flags, file: ConfigFile, env: NodeJS.ProcessEnv): Options {
  const lang = flags.lang === undefined ? file.lang : parseChoice('--lang', flags.lang, options.lang);
  const seconds = (value: number) => value * 1000;
  return {
    intervalMs: seconds(flagNumber('interval', flags) ?? file.interval ?? options.interval.default),
    language: lang ?? languageFromEnvironment(env),
    rate: flagNumber('rate', flags) ?? file.rate ?? options.rate.default,
    concurrency: flagNumber('concurrency', flags) ?? file.concurrency ?? options.concurrency.default,
    timeoutMs: seconds(flagNumber('timeout', flags) ?? file.timeout ?? options.timeout.default),
    thresholds: resolveThresholds(file, flags.warn, flags.crit),
    tokenFile: flags.tokenFile ?? file.token_file,
    ascii: flags.ascii || file.ascii === true,
    insecure: tlsUnchecked(flags, env),
    maxInstances: flagNumber('maxInstances', flags) ?? file.max_instances ?? options.maxInstances.default,
    record: recordTarget(flags),
    bell: flags.bell ?? file.bell === true,
    notify: flags.notify ?? file.notify === true,
  };
}

export function resolveSettings(flags: Flags, file: ConfigFile, env: NodeJS.ProcessEnv): Settings {
  const options = resolveOptions(flags, file, env);
  return { ...options, targets: resolveTargets(flags, file, env) };
}

/** `$XDG_CONFIG_HOME/gaussdb-top/config.toml`, else `~/.config/gaussdb-top/config.toml`. */
export function defaultConfigPath(env: NodeJS.ProcessEnv, home: string): string {
  const base = env.XDG_CONFIG_HOME || `${home}/.config`;
  return `${base}/gaussdb-top/config.toml`;
}
