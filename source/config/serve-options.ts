import type { OptionSpec } from './option-spec.js';

/**
 * The options of sharing one poller: `serve` (its address, token, logs) and the screens that attach to
 * it or to Prometheus (`--source`). Part of the option table (options.ts spreads them in).
 */
export const serveOptions = {
  listen: {
    type: 'text',
    section: 'serve',
    placeholder: 'host:port',
    help: 'with serve: the address to listen on (default 127.0.0.1:9464; any other\naddress than loopback needs --web-token-file or --web-insecure)',
  },
  webTokenFile: {
    type: 'text',
    section: 'serve',
    placeholder: 'file',
    help: 'with serve: a file holding the bearer token every request must carry',
  },
  webInsecure: {
    type: 'switch',
    section: 'serve',
    help: 'with serve: listen beyond loopback without a token (anyone who reaches\nthe port reads the fleet)',
  },
  logFormat: {
    type: 'choice',
    section: 'serve',
    placeholder: 'text|json',
    help: 'with serve: state changes on stderr as text lines or JSON lines',
    choices: ['text', 'json'],
  },
  source: {
    type: 'text',
    section: 'serve',
    placeholder: 'url',
    help: 'draw from a poller (http(s)://HOST:9464, started with serve) or from\nPrometheus (prometheus+http(s)://HOST:9090) instead of the API',
  },
  sourceTokenFile: {
    type: 'text',
    section: 'serve',
    placeholder: 'file',
    help: "with --source: a file holding the poller's token (or GAUSSDB_TOP_SOURCE_TOKEN)",
  },
} as const satisfies Record<string, OptionSpec>;
