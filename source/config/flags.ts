/** The command line, as parseCommandLine reads it. Numbers arrive as strings so we can name a bad value exactly. */
export const flagDefinitions = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  iamEndpoint: { type: 'string' },
  projectId: { type: 'string' },
  instance: { type: 'string', isMultiple: true },
  discover: { type: 'boolean' },
  maxInstances: { type: 'string' },
  config: { type: 'string' },
  interval: { type: 'string' },
  lang: { type: 'string' },
  rate: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  once: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  wide: { type: 'boolean' },
  demo: { type: 'boolean', default: false },
  tokenFile: { type: 'string' },
  warn: { type: 'string', isMultiple: true },
  crit: { type: 'string', isMultiple: true },
  color: { type: 'boolean', default: true },
  ascii: { type: 'boolean', default: false },
  insecure: { type: 'boolean' },
  port: { type: 'string' },
  instances: { type: 'string' },
  latency: { type: 'string' },
  rateLimit: { type: 'string' },
  churn: { type: 'string' },
  churnPeriod: { type: 'string' },
} as const;

export interface Flags {
  region?: string | undefined;
  endpoint?: string | undefined;
  iamEndpoint?: string | undefined;
  projectId?: string | undefined;
  instance?: string[] | undefined;
  discover?: boolean | undefined;
  maxInstances?: string | undefined;
  config?: string | undefined;
  interval?: string | undefined;
  lang?: string | undefined;
  rate?: string | undefined;
  concurrency?: string | undefined;
  timeout?: string | undefined;
  once: boolean;
  json: boolean;
  wide?: boolean | undefined;
  demo: boolean;
  tokenFile?: string | undefined;
  warn?: string[] | undefined;
  crit?: string[] | undefined;
  color: boolean;
  ascii: boolean;
  insecure?: boolean | undefined;
  port?: string | undefined;
  instances?: string | undefined;
  latency?: string | undefined;
  rateLimit?: string | undefined;
  churn?: string | undefined;
  churnPeriod?: string | undefined;
}

/** Flags that would put a secret into argv (and so into `ps` and shell history): refused by name. */
export const secretFlags = ['token', 'password', 'ak', 'sk', 'secret-key', 'access-key', 'security-token'];

export const description =
  'A live terminal monitor of session counts for many Huawei Cloud GaussDB instances';

export const helpText = `
  Usage
    $ gaussdb-top [options]              live grid of every instance's sessions
    $ gaussdb-top --once [--json]        poll once, print a table (or JSON), exit
    $ gaussdb-top --demo                 try it against the built-in emulator
    $ gaussdb-top emulator [--port N] [--instances N] [--latency ms] [--rate-limit n]
                           [--churn share --churn-period s]   (a still fleet, for benchmarks)

  Targets
    --region <id>            e.g. cn-north-4; sets the GaussDB and IAM endpoints
    --endpoint <url>         GaussDB API endpoint (overrides --region)
    --iam-endpoint <url>     IAM endpoint for password login (overrides --region)
    --project-id <id>        32 letters/digits (or HW_PROJECT_ID)
    --instance <id>          36 letters/digits; repeat for more
    --discover               monitor every instance the project lists
    --max-instances <n>      refuse a listing of more than n instances (default 10000)
    --config <file>          TOML file (default $XDG_CONFIG_HOME/gaussdb-top/config.toml)

  Polling
    --interval <s>           seconds between polls of an instance (default 5, at least 1)
    --rate <n>               requests per second across all instances (default 10)
    --concurrency <n>        requests in flight at once (default 16)
    --timeout <s>            per request (default 10)

  Output
    --lang <en-us|zh-cn>     labels and API messages (default from config, else LANG)
    --once                   poll every instance once; exit 0 if all answered, 1 if not
    --json                   with --once: one JSON document
    --wide                   with --once: the table always has an ID column (else only when names differ)
    --no-color               no colour (NO_COLOR is honoured too)
    --ascii                  ASCII marks only, for terminals that draw ambiguous-width symbols wide
    --warn <metric=n>        warn at or above n; metrics: total, active, slow_sql, lock
    --crit <metric=n>        critical at or above n (repeat either flag per metric)

  TLS
    --insecure               accept NODE_TLS_REJECT_UNAUTHORIZED=0 (certificates unchecked; the
                             header says INSECURE); refused without this flag

  Credentials (environment or file only, never flags)
    GAUSSDB_TOKEN or --token-file <path>
    HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK [+ HUAWEICLOUD_SDK_SECURITY_TOKEN]
      (or HW_ACCESS_KEY + HW_SECRET_KEY)
    HW_USER_NAME + HW_USER_PASSWORD + HW_DOMAIN_NAME

  Exit codes: 0 all answered, 1 some instance failed, 2 usage or configuration error
`;
