import { type ChildProcess, spawn } from 'node:child_process';
import { binPath, descendantNamed, node, nodeFlags } from './lib.js';

export interface LiveProcess {
  /** The script wrapper; its stdout carries everything the monitor draws. */
  wrapper: ChildProcess;
  /** The gaussdb-top node process itself. */
  pid(): number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The real binary drawing the live screen on a pseudo-terminal (`script`), as it would over SSH.
 * `program`: the command line before `args` (this Node.js with the shebang's flags and `bin` unless
 * told otherwise: the bin itself, `npx gaussdb-top`, the single file).
 */
export function startLive(
  args: string[],
  env: Record<string, string>,
  size = { columns: 120, rows: 40 },
  bin = binPath,
  program: string[] = [node, ...nodeFlags, bin],
): LiveProcess {
  const assignments = Object.entries(env).map(([name, value]) => `${name}=${value}`);
  const command = [
    `stty cols ${size.columns} rows ${size.rows};`,
    'exec env -u CI TERM=xterm-256color',
    ...assignments,
    ...program,
    ...args,
  ].join(' ');
  const wrapper = spawn('script', ['-q', '-f', '-c', command, '/dev/null'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  wrapper.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('latin1');
    if (output.length > 4_000_000) output = output.slice(-1_000_000);
  });
  let pid: number | undefined;
  return {
    wrapper,
    pid() {
      // The node process running the bin (its title once set, its script before), not a launcher around
      // it (npm exec, the single file's sh).
      pid ??= descendantNamed(wrapper.pid ?? 0, /^gaussdb-top\b|bin\/gaussdb-top(\.js)? /);
      if (!pid) throw new Error('gaussdb-top process not found');
      return pid;
    },
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        wrapper.once('exit', () => resolve());
        try {
          process.kill(pid ?? wrapper.pid ?? 0, 'SIGTERM');
        } catch {
          wrapper.kill('SIGTERM');
        }
      }),
  };
}
