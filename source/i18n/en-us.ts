/** English labels and texts; zh-cn mirrors every key. */
export const enUs = {
  columns: {
    instance: 'INSTANCE',
    total: 'TOTAL',
    active: 'ACTIVE',
    slowSql: 'SLOW SQL',
    lock: 'LOCKS',
    level: 'LEVEL',
    error: 'ERROR',
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
    AUTH_EXPIRED: 'credentials refused',
  },
  demo: 'DEMO',
  demoNote: 'simulated instances on the built-in emulator, not a real cloud',
  summary: (answered: number, total: number) => `${answered}/${total} instances answered`,
} as const;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : { [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof enUs>;
