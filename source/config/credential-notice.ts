import type { Credentials } from './credentials.js';

/** Each kind of credentials and the variables (or flag) that provide it, in the order they are tried. */
const kinds = [
  { mode: 'token', names: ['--token-file', 'GAUSSDB_TOKEN'] },
  { mode: 'aksk', names: ['HUAWEICLOUD_SDK_AK', 'HW_ACCESS_KEY'] },
  { mode: 'password', names: ['HW_USER_NAME'] },
] as const;

/** Which credentials are used (named by their variable or flag, never their value), and which are ignored. */
export interface CredentialChoice {
  used: string;
  ignored: string[];
}

export function credentialChoice(
  env: NodeJS.ProcessEnv,
  tokenFile: string | undefined,
  used: Credentials,
): CredentialChoice {
  const present = (name: string) => (name === '--token-file' ? Boolean(tokenFile) : Boolean(env[name]));
  const set = kinds.flatMap((kind) => kind.names.filter(present).map((name) => ({ mode: kind.mode, name })));
  const chosen = set.find((entry) => entry.mode === used.mode);
  return {
    used: chosen?.name ?? used.mode,
    ignored: set.filter((entry) => entry !== chosen).map((entry) => entry.name),
  };
}

/**
 * When several kinds of credentials are set, which one is used and which are ignored, in one line;
 * undefined when there is no choice to explain. Never falls through silently.
 */
export function credentialNotice(choice: CredentialChoice): string | undefined {
  if (choice.ignored.length === 0) return undefined;
  return `using ${choice.used}; ignoring ${choice.ignored.join(', ')}`;
}
