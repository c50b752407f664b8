import { flagName, type OptionSpec, optionList, type Section } from './options.js';

/** The --help text: the usage lines, then every option of the table once, by section. */

export const description =
  'A live terminal monitor of session counts for many Huawei Cloud GaussDB instances';

const usage = `  Usage
    $ gaussdb-top [options]              live grid of every instance's sessions
    $ gaussdb-top --once [--json]        poll once, print a table (or JSON), exit
    $ gaussdb-top --json --watch         one JSON document per poll cycle, one per line
    $ gaussdb-top sessions --instance <id> [--node <id>] [--json]
                                         one instance's sessions, once (who blocks whom)
    $ gaussdb-top serve [--listen <host:port>]
                                         poll once for many: /metrics, snapshot, stream
    $ gaussdb-top --source <url>         the live screen from a poller or Prometheus
    $ gaussdb-top replay FILE            the grid on a recording (--record), with a timeline
    $ gaussdb-top replay FILE --at <time> --once [--json]
                                         the state at that time, as --once prints it
    $ gaussdb-top replay FILE --json [--from <time>] [--to <time>]
                                         the recorded events, one per line
    $ gaussdb-top --demo                 try it against the built-in emulator
    $ gaussdb-top emulator [options]     serve a simulated API on 127.0.0.1 (see The emulator)`;

const sections: Record<Section, { title: string; after?: string }> = {
  targets: { title: 'Targets' },
  polling: { title: 'Polling' },
  output: { title: 'Output' },
  serve: { title: 'Sharing one poller (gaussdb-top serve, --source)' },
  tls: { title: 'TLS' },
  credentials: {
    title: 'Credentials (environment or file only, never flags)',
    after: `    GAUSSDB_TOKEN            a ready token
    HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK [+ HUAWEICLOUD_SDK_SECURITY_TOKEN]
      (or HW_ACCESS_KEY + HW_SECRET_KEY)
    HW_USER_NAME + HW_USER_PASSWORD + HW_DOMAIN_NAME`,
  },
  emulator: { title: 'The emulator (gaussdb-top emulator)' },
};

const trailer = `  Help
    --help                   this text
    --version                the version

  Exit codes: 0 all answered, 1 some instance failed, 2 usage or configuration error`;

/** Where the help of every option starts. */
const column = 29;

/** The flag as typed in help: `--max-instances <n>`, `--no-color` for a switch that is on by default. */
export function flagUsage(name: string, option: OptionSpec): string {
  if (option.type === 'switch')
    return option.default === true ? `--no-${flagName(name)}` : `--${flagName(name)}`;
  return `--${flagName(name)} <${option.placeholder}>`;
}

/** A number's default and bounds, from the table: "(default 5; 1 to 3600)". */
function numberNote(option: OptionSpec): string {
  if (option.type !== 'number') return '';
  const bounds = option.max === undefined ? `at least ${option.min}` : `${option.min} to ${option.max}`;
  return ` (${option.default === undefined ? '' : `default ${option.default}; `}${bounds})`;
}

function optionLines(name: string, option: OptionSpec): string {
  const flag = `    ${flagUsage(name, option)}`;
  const [first = '', ...rest] = `${option.help}${numberNote(option)}`.split('\n');
  const head = flag.length < column - 1 ? flag.padEnd(column) : `${flag}  `;
  return [`${head}${first}`, ...rest.map((line) => `${' '.repeat(column)}${line}`)].join('\n');
}

/** The text after the description; cli.tsx prints both. */
export function helpText(): string {
  const blocks = Object.entries(sections).map(([section, { title, after }]) => {
    const lines = optionList
      .filter(([, option]) => option.section === section)
      .map(([name, option]) => optionLines(name, option));
    return [`  ${title}`, ...lines, ...(after ? [after] : [])].join('\n');
  });
  return `\n${[usage, ...blocks, trailer].join('\n\n')}\n`;
}
