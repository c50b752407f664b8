import { constants } from 'node:fs';
import { chmod, mkdir, open } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { serverText } from '../server-text.js';

/** One kill attempt, as the audit log records it. */
export interface KillAttempt {
  instanceId: string;
  nodeId: string | null;
  sessionId: string;
  /** The session's SQL as the list showed it (already sanitised); cut again here. */
  sql: string | null;
  /** `ok`, `not killed`, `refused: ...`, `error: CODE message`. */
  result: string;
}

/** Where every kill attempt is recorded: a line before a kill is sent (it is not sent otherwise), one after. */
export interface KillAudit {
  append(attempts: readonly KillAttempt[]): Promise<void>;
}

/** `$XDG_STATE_HOME/gaussdb-top/kill.log`, else `~/.local/state/gaussdb-top/kill.log` (a relative XDG path is ignored, as the spec says). */
export function killLogPath(env: NodeJS.ProcessEnv, home: string): string {
  const state =
    env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(state, 'gaussdb-top', 'kill.log');
}

/** The local user for the log: the account's name, else $USER, else the uid. */
export function localUser(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER || env.LOGNAME || String(process.getuid?.() ?? 'unknown');
  }
}

const sqlHeadCells = 120;

/**
 * One line per attempt, tab-separated: time, user, instance, node, session, SQL head (quoted, so a
 * tab or quote in it cannot shift the columns), result. Every field passes the sanitiser: one line,
 * printable, known secrets masked.
 */
export function killLogLine(time: Date, user: string, attempt: KillAttempt): string {
  const field = (text: string, cells = 128) => serverText(text, cells).replace(/\t/g, ' ');
  return [
    time.toISOString(),
    field(user),
    field(attempt.instanceId),
    field(attempt.nodeId ?? '-'),
    field(attempt.sessionId),
    JSON.stringify(field(attempt.sql ?? '', sqlHeadCells)),
    field(attempt.result, 300),
  ].join('\t');
}

/** Only the user may read the log (it names sessions, users and SQL), and only the user its folder. */
const fileMode = 0o600;
const folderMode = 0o700;
/** Never follow a link planted where the log should be. */
const appendFlags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

async function openLog(path: string) {
  await mkdir(dirname(path), { recursive: true, mode: folderMode });
  await chmod(dirname(path), folderMode);
  const handle = await open(path, appendFlags, fileMode);
  // A log created earlier with a looser mode is tightened.
  await handle.chmod(fileMode);
  return handle;
}

export function fileKillAudit(path: string, options: { user?: string; now?: () => Date } = {}): KillAudit {
  const user = options.user ?? localUser();
  const now = options.now ?? (() => new Date());
  return {
    async append(attempts) {
      if (attempts.length === 0) return;
      const handle = await openLog(path);
      try {
        const at = now();
        await handle.write(`${attempts.map((attempt) => killLogLine(at, user, attempt)).join('\n')}\n`);
      } finally {
        await handle.close();
      }
    },
  };
}
