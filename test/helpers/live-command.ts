import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath } from './run-cli.js';

/** The pane's title before the program starts and after it ends. */
export const shellTitle = 'shell-title';

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * A shell command for a tmux pane: marks the terminal, runs the real binary with `args`, then prints
 * its exit status and the terminal's input modes, and a last line `END` once all of that is on screen
 * (wait for `END`, never for the status line alone: the modes are printed after it).
 *
 * The child's environment is the test's, with a UTF-8 locale and without CI, changed by `env`: a
 * string sets a variable, undefined removes it. `program`: the command line before `args` (the
 * built binary run by this Node.js unless told otherwise).
 */
export function liveCommand(
  args: string[],
  env: Record<string, string | undefined> = {},
  program: string[] = [process.execPath, binPath],
): string {
  const settings: Record<string, string | undefined> = {
    CI: undefined,
    LC_ALL: undefined,
    LC_CTYPE: undefined,
    LANG: 'C.UTF-8',
    ...env,
  };
  const unset = Object.entries(settings)
    .filter(([, value]) => value === undefined)
    .map(([name]) => `-u ${name}`);
  const set = Object.entries(settings)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => quote(`${name}=${value}`));
  const script = [
    // A title of the shell's own, which the program must give back however it ends.
    `printf '\\033]2;${shellTitle}\\007'`,
    'echo BEFORE',
    `env ${[...unset, ...set].join(' ')} ${[...program, ...args].map(quote).join(' ')}`,
    'echo "AFTER rc=$?"',
    `printf 'MODES: '; stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e icanon | tr '\\n' ' '; echo`,
    'echo END',
    'exec sleep 600',
  ].join('\n');
  const path = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-pane-')), 'run.sh');
  writeFileSync(path, `${script}\n`);
  return `sh ${quote(path)}`;
}

/** The exit status and input modes `liveCommand` printed, once `END` is on screen. */
export function afterExit(screen: string): { rc: number; modes: string[] } {
  const rc = Number(/^AFTER rc=(\d+)$/m.exec(screen)?.[1] ?? Number.NaN);
  const modes = (/^MODES: (.*)$/m.exec(screen)?.[1] ?? '').trim().split(/\s+/);
  return { rc, modes };
}

/** Waits for the shell to report the program's end; `END` comes after every line `afterExit` reads. */
export const ended = /^END$/m;
