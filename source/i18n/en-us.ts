/** English labels and texts; zh-cn mirrors every key. */
export const enUs = {
  columns: {
    instance: 'INSTANCE',
    id: 'ID',
    total: 'TOTAL',
    active: 'ACTIVE',
    slowSql: 'SLOW SQL',
    lock: 'LOCKS',
    level: 'LEVEL',
    error: 'ERROR',
    trend: 'ACTIVE /12m',
    age: 'AGE',
  },
  levels: { ok: 'ok', warn: 'warn', crit: 'CRIT', error: 'ERROR' },
  localErrors: {
    STALE: 'stale',
    NO_SERIES: 'no series',
    TIMEOUT: 'timed out',
    NETWORK: 'network error',
    TLS: 'TLS error',
    BAD_RESPONSE: 'bad response',
    TOO_LARGE: 'response too large',
    REDIRECT: 'unexpected redirect',
    HTTP: 'HTTP error',
    TOO_MANY_INSTANCES: 'too many instances',
    CREDENTIALS_REFUSED: 'credentials refused',
    LOGIN_REFUSED: 'IAM login refused',
  },
  demo: 'DEMO',
  demoNote: 'simulated instances on the built-in emulator, not a real cloud',
  insecureWarning:
    'TLS certificates are not checked (NODE_TLS_REJECT_UNAUTHORIZED=0, --insecure): any server on the way can read the credentials',
  header: {
    instances: (count: number) => `${count} instances`,
    healthy: (ok: number, total: number) => `${ok}/${total} OK`,
    live: 'LIVE',
    changed: 'changed',
    never: 'waiting for data',
    every: 'every',
    period: (seconds: string, rate: string) =>
      `budget-bound: each instance every ${seconds} at ${rate} req/s`,
    rate: (rate: string) => `${rate} req/s`,
    /** Σ over only some instances: how many of how many. */
    over: (fresh: number, total: number) => `over ${fresh}/${total}: `,
    noFreshData: 'no fresh data',
  },
  /** States that change what the numbers mean, each in full and abbreviated, most important first. */
  /** What the header calls the source of an attached screen (--source). */
  sourceLabel: {
    poller: (name: string) => `poller ${name}`,
    prometheus: (name: string) => `Prometheus ${name}`,
  },
  states: {
    sourceDown: (name: string, age: string) => `${name} UNREACHABLE ${age}, reconnecting`,
    sourceDownShort: (age: string) => `UNREACHABLE ${age}`,
    sourceRefused: (name: string, status: number, age: string) =>
      `${name} REFUSED THE TOKEN (${status}) ${age}, retrying`,
    sourceRefusedShort: (status: number, age: string) => `TOKEN REFUSED (${status}) ${age}`,
    sourceBadData: (name: string, age: string) => `${name} SENT UNREADABLE DATA ${age}, reconnecting`,
    /** Any other HTTP answer; 503 is a poller (or a proxy before it) that takes no more screens now. */
    sourceStatus: (name: string, status: number, age: string) =>
      status === 503
        ? `${name} BUSY (HTTP 503) ${age}, retrying`
        : `${name} ANSWERED HTTP ${status} ${age}, retrying`,
    sourceStatusShort: (status: number, age: string) =>
      status === 503 ? `BUSY (503) ${age}` : `HTTP ${status} ${age}`,
    sourceBadDataShort: (age: string) => `BAD DATA ${age}`,
    paused: (duration: string) => `PAUSED ${duration}`,
    pausedShort: (duration: string) => duration,
    /** A replay inside a pause of the recorded poller: nothing was asked then, the numbers are as old as it. */
    pollingPaused: (duration: string) => `POLLING PAUSED ${duration}`,
    refused: (count: string, next: string) => `CREDENTIALS REFUSED${count}, ${next}`,
    refusedShort: (countdown: string) => `CREDS REFUSED ${countdown}`,
    checking: 'CHECKING CREDENTIALS',
    checkingShort: 'CHECKING CREDS',
    allOld: (age: string) => `ALL DATA OLD (${age})`,
    allOldShort: (age: string) => `OLD (${age})`,
    noData: (age: string) => `NO DATA YET (${age})`,
    noDataShort: (age: string) => `NO DATA (${age})`,
    throttled: 'THROTTLED (429)',
    throttledShort: 'THROTTLED',
    discovery: 'DISCOVERY FAILED',
    discoveryShort: 'DISCOVERY',
    insecure: 'INSECURE TLS',
    insecureShort: 'INSECURE',
    more: (count: number) => `+${count}`,
  },
  /** The lines under the header that explain a refused credential or a failed discovery. */
  problems: {
    kinds: { token: 'token', aksk: 'AK/SK', password: 'IAM password' },
    /** What happened and when the next try is, what to do, then who said what. */
    refused: (kind: string, next: string, advice: string, source: string) =>
      `${kind} refused, ${next}${advice && `: ${advice}`} (${source})`,
    checking: (kind: string, source: string) => `${kind}: checking with one request (${source})`,
    /** The server and its words. */
    source: (where: string, message: string) => `${where}${message && `: ${message}`}`,
    nextTry: (countdown: string) => `next try in ${countdown}`,
    tryingNow: 'trying again now',
    notRetried: 'not retried',
    discovery: (target: string, next: string, message: string) =>
      `discovery failed for ${target}${next && `, ${next}`}: ${message}`,
    /** Advice the poller names by code; any other advice is shown as given. */
    advice: {
      TOKEN_FIXED: 'GAUSSDB_TOKEN cannot change: use --token-file, AK/SK or an IAM password instead',
      TOKEN_FILE: 'write a valid token to the token file: it is read again when it changes',
      CHECK_AKSK: 'check the AK/SK pair',
      CHECK_PASSWORD: 'check HW_USER_NAME, HW_DOMAIN_NAME and HW_USER_PASSWORD',
    },
    more: (count: number) => `+${count} more`,
  },
  footer: {
    filter: 'filter: ',
    filterHint: 'Enter keep  Esc clear',
    sortedBy: 'sort: ',
    showing: (shown: number, total: number) => `${shown} of ${total} shown`,
    copied: (what: string, text: string) => `copied ${what} ${text}`,
  },
  sortNames: {
    level: 'severity',
    name: 'name',
    total: 'total',
    active: 'active',
    slowSql: 'slow SQL',
    lock: 'locks',
    age: 'age',
  },
  tooSmall: (needColumns: number, needRows: number, columns: number, rows: number) =>
    `Terminal too small: need ${needColumns}×${needRows}, have ${columns}×${rows}`,
  noInstances: 'No instances yet: the instance list has not been read (see above).',
  notYetAsked: 'waiting',
  noMatch: 'No instance matches the filter.',
  help: {
    credentials: 'credentials',
    credentialsUsed: (used: string, ignored: string) => `${used}${ignored && ` (ignoring ${ignored})`}`,
    title: 'Keys',
    close: 'Esc, q or ? to close',
    levels: 'A level is reached at or above its threshold:',
  },
  details: {
    title: 'Instance',
    project: 'project',
    id: 'id',
    endpoint: 'endpoint',
    level: 'level',
    latency: 'latency',
    polls: 'polls',
    pollCounts: (answered: number, failed: number) => `${answered} answered, ${failed} failed`,
    lastOk: 'last answer',
    ago: 'ago',
    lastError: 'last error',
    requestId: 'request id',
    none: 'none',
    history: (count: number) => `history (last ${count} samples)`,
    back: 'Esc or q: back',
    noData: 'no answer yet',
  },
  drill: {
    title: 'Sessions of',
    tabs: {
      sessions: 'Sessions',
      blocking: 'Blocking',
      statistics: 'By user/client/db',
      waits: 'Wait events',
      topSql: 'Top SQL',
    },
    node: 'node',
    loading: 'loading',
    noData: 'no answer yet (the error is above)',
    updated: (age: string) => `updated ${age} ago`,
    paused: 'PAUSED',
    truncated: 'showing the first 200',
    none: 'nothing to show',
    noSessions: 'no sessions',
    noMatch: 'no session matches the filter',
    noBlocking: 'no session waits on another',
    columns: {
      id: 'SESSION',
      user: 'USER',
      database: 'DATABASE',
      client: 'CLIENT',
      state: 'WAIT/STATE',
      runtime: 'RUNTIME',
      lock: 'LOCK',
      blockedBy: 'BLOCKED BY',
      sql: 'SQL',
    },
    blockingHeading: 'blockers first, by how many they block; waiters indented under what they wait for',
    statisticsHeading: 'active / total sessions',
    blocks: (count: number) => `blocks ${count}`,
    cycle: 'lock cycle',
    notListed: (id: string) => `${id} (not among the sessions listed)`,
    dimensions: { usename: 'By user', client_addr: 'By client', datname: 'By database' },
    waitColumns: { event: 'WAIT EVENT', node: 'NODE', count: 'COUNT' },
    sqlColumns: { count: 'COUNT', node: 'NODE', id: 'SQL ID', query: 'QUERY' },
    sqlTitle: 'SQL',
    copiedSql: 'SQL copied to the clipboard',
    copiedId: (id: string) => `session id ${id} copied to the clipboard`,
    kill: {
      off: 'kill is off: start gaussdb-top with --allow-kill (or allow_kill = true on the target)',
      confirm: (id: string, instance: string) => `Kill session ${id} on ${instance}?`,
      proceed: 'y: kill it    any other key: cancel',
      sending: 'killing…',
      killed: (id: string) => `session ${id} killed`,
      notKilled: (id: string) => `session ${id} was not killed (the API says so)`,
      failed: (message: string) => `kill failed: ${message}`,
      cancelled: 'kill cancelled',
    },
  },
  metrics: { total: 'total', active: 'active', slowSql: 'slow SQL', lock: 'locks' },
  title: { ok: 'OK', crit: 'CRIT', warn: 'WARN', error: 'ERR' },
  /** `--record`: the header's mark and state, the footer's notices, and why a write failed. */
  /** `gaussdb-top replay FILE`: the header's mark and the footer's timeline. */
  replay: {
    mark: 'REPLAY',
    playing: 'playing',
    paused: 'paused',
    timePrompt: 'go to time: ',
    timeHint: '03:12, 03:12:40 or ISO  Enter go  Esc cancel',
    unreadable: (text: string) => `not a time: ${text} (03:12, 03:12:40 or ISO)`,
    outside: (text: string) => `${text} is outside the recording`,
    skipped: (count: number) => `${count} unreadable line${count === 1 ? '' : 's'} skipped`,
    cut: (count: number) => `${count} line${count === 1 ? '' : 's'} cut by a crash skipped`,
  },
  recording: {
    mark: 'REC',
    failed: (reason: string) => `REC FAILED: ${reason}`,
    failedShort: 'REC FAILED',
    stopped: 'recording stopped (R resumes)',
    resumed: 'recording resumed',
    warning: (file: string, reason: string) => `recording to ${file} failed: ${reason}`,
    problems: {
      diskFull: 'disk full',
      permission: 'permission denied',
      missing: 'no such directory',
      readOnly: 'read-only filesystem',
      tooLarge: 'file too large',
      notFile: 'not a regular file',
      other: 'write error',
    },
  },
  /** `gaussdb-top sessions`: the session list as a table. */
  sessionsTable: {
    node: (name: string, id: string) => `node ${name} (${id})`,
    count: (count: number) => `${count} sessions`,
    truncated: 'showing the first 200 (the API lists no more)',
    none: 'no sessions',
  },
  /** `--notify`: the desktop notification for an instance entering CRIT or ERROR. */
  alerts: {
    entered: (name: string, level: string, reason: string) => `${name} ${level}${reason && `: ${reason}`}`,
    over: (metric: string, value: number, threshold: number) => `${metric} ${value} ≥ ${threshold}`,
    more: (count: number) => ` (+${count} more)`,
  },
} as const;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends readonly (infer E)[]
      ? Widen<E>[]
      : { [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof enUs>;
