import { readBearerTokenFile } from '../config/bearer-token.js';
import { parseChoice } from '../config/option-checks.js';
import { serveOptions } from '../config/serve-options.js';
import { checkExposure, defaultListen, type ListenAddress, parseListen } from './listen-address.js';
import type { LogFormat } from './state-log.js';

export interface ServeSettings {
  listen: ListenAddress;
  token?: string | undefined;
  logFormat: LogFormat;
}

interface ServeFlags {
  listen?: string | undefined;
  webTokenFile?: string | undefined;
  webInsecure?: boolean | undefined;
  logFormat?: string | undefined;
}

/** `serve`'s own flags, checked before anything is polled or bound; refused with a UsageError. */
export function resolveServeSettings(flags: ServeFlags): ServeSettings {
  const listen = parseListen(flags.listen ?? defaultListen);
  const token =
    flags.webTokenFile === undefined ? undefined : readBearerTokenFile(flags.webTokenFile, 'web token file');
  checkExposure(listen, token !== undefined, flags.webInsecure === true);
  const format =
    flags.logFormat === undefined
      ? 'text'
      : parseChoice('--log-format', flags.logFormat, serveOptions.logFormat);
  return { listen, token, logFormat: format === 'json' ? 'json' : 'text' };
}

/** Flags that only `serve` takes, named when given without it. */
export const serveOnlyFlags = ['listen', 'webTokenFile', 'webInsecure', 'logFormat'] as const;
