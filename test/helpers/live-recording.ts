import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath } from './run-cli.js';
import { TmuxPane } from './tmux.js';

const quoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

export interface LiveRecording {
  pane: TmuxPane;
  /** Every byte the program wrote to its terminal so far (via `script`), as UTF-8 text. */
  raw(): string;
  /** Waits for the program to end; its exit code. */
  exited(): Promise<number>;
}

/**
 * The real binary on a real terminal (a tmux pane), with every byte it writes recorded by `script`.
 * The environment goes through a private script file, not the tmux command line.
 */
export function recordLive(args: string[], env: Record<string, string>): LiveRecording {
  const dir = mkdtempSync(join(tmpdir(), 'gaussdb-top-live-'));
  const log = join(dir, 'terminal.raw');
  const command = [process.execPath, binPath, ...args].map(quoted).join(' ');
  const lines = [
    'unset CI',
    `export HOME=${quoted(dir)} XDG_CONFIG_HOME=${quoted(join(dir, 'config'))} LANG=C.UTF-8`,
    ...Object.entries(env).map(([name, value]) => `export ${name}=${quoted(value)}`),
    `script -qfec ${quoted(command)} ${quoted(log)}`,
    'echo "AFTER rc=$?"',
    'sleep 600',
  ];
  const runner = join(dir, 'run.sh');
  writeFileSync(runner, `${lines.join('\n')}\n`, { mode: 0o700 });
  const pane = new TmuxPane(`sh ${runner}`);
  return {
    pane,
    raw: () => {
      try {
        return readFileSync(log, 'utf8');
      } catch {
        return '';
      }
    },
    async exited() {
      const screen = await pane.waitFor(/AFTER rc=\d+/, 15_000);
      return Number(/AFTER rc=(\d+)/.exec(screen)?.[1]);
    },
  };
}
