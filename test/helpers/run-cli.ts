import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const binPath = new URL('../../bin/gaussdb-top.js', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** An environment with no credentials, no config file and an English locale. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'gaussdb-top-home-'));
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    LANG: 'C.UTF-8',
    ...extra,
  };
}

/** Runs the built binary (stdout is a pipe, so it never draws the live screen). */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
  node = process.execPath,
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      node,
      [binPath, ...args],
      { env, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
