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
    TIMEOUT: 'timed out',
    NETWORK: 'network error',
    TLS: 'TLS error',
    BAD_RESPONSE: 'bad response',
    TOO_LARGE: 'response too large',
    REDIRECT: 'unexpected redirect',
    HTTP: 'HTTP error',
  },
  demo: 'DEMO',
  demoNote: 'simulated instances on the built-in emulator, not a real cloud',
  summary: (answered: number, total: number) => `${answered}/${total} instances answered`,
  header: {
    instances: (count: number) => `${count} instances`,
    healthy: (ok: number, total: number) => `${ok}/${total} OK`,
    live: 'LIVE',
    paused: 'PAUSED',
    changed: 'changed',
    never: 'waiting for data',
    every: 'every',
    period: (seconds: string, rate: string) =>
      `budget-bound: each instance every ${seconds} at ${rate} req/s`,
    throttled: 'THROTTLED (429)',
    rate: (rate: string) => `${rate} req/s`,
  },
  footer: {
    hints: 'q quit  p pause  r refresh  l 中文  / filter  s sort  Enter details  ? help',
    filter: 'filter: ',
    filterHint: 'Enter keep  Esc clear',
    sortedBy: 'sort: ',
    showing: (shown: number, total: number) => `${shown} of ${total} shown`,
    pausedChanges: (count: number) => `while paused: ${count} instance(s) changed level`,
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
  noMatch: 'No instance matches the filter.',
  help: {
    title: 'Keys',
    close: 'Esc, q or ? to close',
    keys: [
      ['q  Ctrl-C', 'quit'],
      ['p  space', 'pause / resume polling'],
      ['r', 'refresh every instance now'],
      ['l', 'switch language (中文 / English)'],
      ['↑ ↓  j k', 'move'],
      ['PgUp PgDn  b f', 'page up / down'],
      ['g G  Home End', 'first / last'],
      ['Enter  d', 'details of the selected instance'],
      ['/', 'filter by name or id (Esc clears)'],
      ['s  S', 'next sort column / reverse'],
      ['+ -', 'longer / shorter interval'],
      ['y', 'copy the id (in details: the request id) to the clipboard'],
      ['?  h', 'this help'],
    ] as [string, string][],
    levels: 'A level is reached at or above its threshold:',
  },
  details: {
    title: 'Instance',
    project: 'project',
    id: 'id',
    endpoint: 'endpoint',
    latest: 'latest',
    previous: 'previous',
    level: 'level',
    latency: 'latency',
    lastOk: 'last answer',
    ago: 'ago',
    lastError: 'last error',
    requestId: 'request id',
    none: 'none',
    history: (count: number) => `history (last ${count} samples)`,
    back: 'Esc or q: back',
    noData: 'no answer yet',
  },
  metrics: { total: 'total', active: 'active', slowSql: 'slow SQL', lock: 'locks' },
  title: { ok: 'OK', crit: 'CRIT', warn: 'WARN', error: 'ERR' },
} as const;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : T extends readonly (infer E)[]
      ? Widen<E>[]
      : { [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof enUs>;
