import { unwatchFile, watchFile } from 'node:fs';
import type { TokenSource } from '../cloud/auth.js';
import { registerSecret } from '../secrets.js';

/** How often the token file's metadata is looked at: a token rewritten by cron shows within this. */
const watchIntervalMs = 2000;

export interface WatchedTokenFile extends TokenSource {
  /** Called after the token changed. */
  onChange(listener: () => void): void;
  close(): void;
}

/**
 * A token file that may be rewritten while the monitor runs (tokens last 24 h; the monitor stays open
 * for days). Read again when its metadata changes and after every refusal; a file that is missing,
 * empty or malformed for a moment keeps the last good token.
 */
export function watchTokenFile(
  path: string,
  first: string,
  read: (path: string) => string,
): WatchedTokenFile {
  let token = first;
  let version = 0;
  const listeners: (() => void)[] = [];
  const reread = () => {
    let next: string;
    try {
      next = read(path);
    } catch {
      return;
    }
    if (next === token) return;
    registerSecret(next);
    token = next;
    version++;
    for (const listener of listeners) listener();
  };
  const watcher = () => reread();
  watchFile(path, { interval: watchIntervalMs, persistent: false }, watcher);
  return {
    current: () => ({ token, version }),
    reread,
    advice: 'TOKEN_FILE',
    onChange: (listener) => listeners.push(listener),
    close: () => unwatchFile(path, watcher),
  };
}
