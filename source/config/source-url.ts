import { registerSecret } from '../secrets.js';
import { readBearerTokenFile } from './bearer-token.js';
import { quote } from './identifiers.js';
import { UsageError } from './usage-error.js';

/** Where an attached screen reads from: a `serve` poller or a Prometheus query API, as an http(s) URL. */
export interface SourceTarget {
  kind: 'poller' | 'prometheus';
  /** The base URL to ask, without userinfo, query or fragment. */
  url: string;
  token?: string | undefined;
}

/**
 * `--source` and its token. `http(s)://HOST:PORT` is a poller started with `gaussdb-top serve`;
 * `prometheus+http(s)://HOST:PORT[/path]` a Prometheus-compatible query API. A token comes from
 * GAUSSDB_TOP_SOURCE_TOKEN or --source-token-file, never from the URL.
 */
export function resolveSource(
  raw: string,
  tokenFile: string | undefined,
  env: NodeJS.ProcessEnv,
): SourceTarget {
  const match = /^(prometheus\+)?(https?):\/\//i.exec(raw);
  let parsed: URL | undefined;
  try {
    parsed = match ? new URL(raw.slice(match[1]?.length ?? 0)) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!match || !parsed || parsed.username || parsed.password || parsed.search || parsed.hash) {
    // The value may hold a password: only its scheme and host are repeated.
    const shown = parsed
      ? `${match?.[1] ?? ''}${parsed.protocol}//${parsed.host}`
      : raw.replace(/\/\/[^/]*@/, '//…@');
    throw new UsageError(
      `--source must be http(s)://HOST:PORT (a poller) or prometheus+http(s)://HOST:PORT, without user, query or fragment, got ${quote(shown)}`,
    );
  }
  const fromEnv = env.GAUSSDB_TOP_SOURCE_TOKEN?.trim() || undefined;
  const token = tokenFile === undefined ? fromEnv : readBearerTokenFile(tokenFile, 'source token file');
  registerSecret(token);
  return {
    kind: match[1] ? 'prometheus' : 'poller',
    url: `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`,
    token,
  };
}
