import { localErrorLabel, type Messages } from '../i18n/index.js';
import type { InstanceView } from '../monitor/store.js';
import { printable } from '../server-text.js';

/**
 * A short error for the grid: our own words for local failures (in the chosen language, with the HTTP
 * status when there is one: "credentials refused (401)"), the code and message for the server's.
 */
export function errorNote(error: NonNullable<InstanceView['error']>, t: Messages): string {
  const local = localErrorLabel(error.code, t);
  if (local) return error.status === null ? local : `${local} (${error.status})`;
  return printable(`${error.code} ${error.message}`);
}
