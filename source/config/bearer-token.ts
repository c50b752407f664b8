import { registerSecret } from '../secrets.js';
import { quote } from './identifiers.js';
import { readRegularFile } from './read-regular-file.js';
import { UsageError } from './usage-error.js';

/** A bearer token from a file: printable ASCII without spaces, as an HTTP header carries it. */
export function readBearerTokenFile(path: string, what: string): string {
  const token = readRegularFile(path, what, 64 * 1024).trim();
  if (!/^[!-~]{16,4096}$/.test(token))
    throw new UsageError(`${what} ${quote(path)} must hold one token of 16 or more printable characters`);
  registerSecret(token);
  return token;
}
