import { statSync } from 'node:fs';
import type { AkSkCredentials } from '../cloud/auth.js';
import type { PasswordCredentials } from '../cloud/iam.js';
import { registerSecret } from '../secrets.js';
import { readRegularFile } from './read-regular-file.js';
import { UsageError } from './usage-error.js';

export type Credentials =
  /** `file`: the token file, read again when it changes; without it the token cannot change. */
  | { mode: 'token'; token: string; file?: string | undefined }
  | ({ mode: 'aksk' } & AkSkCredentials)
  | ({ mode: 'password' } & PasswordCredentials);

/** A warning for a secret file other users can read, or undefined. */
export function tokenFileWarning(path: string, what = 'token file'): string | undefined {
  try {
    const mode = statSync(path).mode;
    if ((mode & 0o077) !== 0) {
      return `${what} ${path} can be read by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`;
    }
  } catch {
    // Unreadable files are reported when read.
  }
  return undefined;
}

/** A token is a few kilobytes; a file larger than this holds something else. */
const maxTokenFileBytes = 64 * 1024;

export function readTokenFile(path: string): string {
  const token = readRegularFile(path, 'token file', maxTokenFileBytes).trim();
  if (!token) throw new UsageError(`token file ${path} is empty`);
  if (/\s/.test(token)) throw new UsageError(`token file ${path} must hold one token and nothing else`);
  return token;
}

/** Both halves of a pair, or neither; half a pair is a mistake worth naming. */
function pair(env: NodeJS.ProcessEnv, first: string, second: string): [string, string] | undefined {
  const a = env[first];
  const b = env[second];
  if (a && b) return [a, b];
  if (a || b) throw new UsageError(`${a ? first : second} is set but ${a ? second : first} is not`);
  return undefined;
}

/**
 * Credentials from the environment or a file, never from argv. Every secret among them is registered,
 * so that a server echoing one back (in an error message, a request id) never gets it printed.
 */
export function resolveCredentials(env: NodeJS.ProcessEnv, tokenFile: string | undefined): Credentials {
  const credentials = chooseCredentials(env, tokenFile);
  for (const secret of secretsOf(credentials)) registerSecret(secret);
  return credentials;
}

function secretsOf(credentials: Credentials): (string | undefined)[] {
  switch (credentials.mode) {
    case 'token':
      return [credentials.token];
    case 'aksk':
      return [credentials.accessKey, credentials.secretKey, credentials.securityToken];
    case 'password':
      return [credentials.password];
  }
}

/** Tried in order: a ready token, AK/SK, then IAM user name and password. */
function chooseCredentials(env: NodeJS.ProcessEnv, tokenFile: string | undefined): Credentials {
  if (tokenFile) return { mode: 'token', token: readTokenFile(tokenFile), file: tokenFile };
  if (env.GAUSSDB_TOKEN) return { mode: 'token', token: env.GAUSSDB_TOKEN.trim() };

  const keys =
    pair(env, 'HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK') ?? pair(env, 'HW_ACCESS_KEY', 'HW_SECRET_KEY');
  if (keys) {
    const securityToken = env.HUAWEICLOUD_SDK_SECURITY_TOKEN || env.HW_SECURITY_TOKEN || undefined;
    return { mode: 'aksk', accessKey: keys[0], secretKey: keys[1], securityToken };
  }

  const password = ['HW_USER_NAME', 'HW_USER_PASSWORD', 'HW_DOMAIN_NAME'] as const;
  const present = password.filter((name) => env[name]);
  if (present.length === password.length) {
    return {
      mode: 'password',
      userName: env.HW_USER_NAME ?? '',
      password: env.HW_USER_PASSWORD ?? '',
      domainName: env.HW_DOMAIN_NAME ?? '',
    };
  }
  if (present.length > 0) {
    const missing = password.filter((name) => !env[name]);
    throw new UsageError(`password login needs ${missing.join(' and ')} too`);
  }
  throw new UsageError(
    'no credentials: set GAUSSDB_TOKEN (or --token-file), HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or HW_USER_NAME, HW_USER_PASSWORD and HW_DOMAIN_NAME',
  );
}
