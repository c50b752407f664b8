import { execFileSync } from 'node:child_process';

/** A private tmux server running one command in a pane of a fixed size; read it as a person would. */
export class TmuxPane {
  private readonly socket = `gaussdb-top-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(command: string, size = { columns: 120, rows: 30 }) {
    this.tmux('new-session', '-d', '-x', String(size.columns), '-y', String(size.rows), command);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** The visible screen; with `escapes`, colours and attributes as SGR sequences. */
  capture(escapes = false): string {
    return this.tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []));
  }

  send(...keys: string[]): void {
    this.tmux('send-keys', ...keys);
  }

  /** A pane variable such as `alternate_on` or `cursor_flag`. */
  query(format: string): string {
    return this.tmux('display-message', '-p', format).trim();
  }

  /** Appends every byte the program writes to the pane to `file` (tmux pipe-pane); none stops it. */
  pipeTo(file?: string): void {
    this.tmux('pipe-pane', ...(file ? ['-o', `cat >> '${file}'`] : []));
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-x', String(columns), '-y', String(rows));
  }

  /** Polls the screen until `pattern` shows up; fails with the screen it last saw. */
  async waitFor(pattern: RegExp, timeoutMs = 10_000, escapes = false): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.capture(escapes);
      if (pattern.test(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
}
