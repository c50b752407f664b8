import { execFileSync } from 'node:child_process';

/** A private tmux server running one command in a pane of a fixed size; read it as a person would. */
export class TmuxPane {
  private readonly socket = `gaussdb-top-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  /** `options`: global tmux options set before the command starts (`set-clipboard on`, ...). */
  constructor(command: string, size = { columns: 120, rows: 30 }, options: [string, string][] = []) {
    // The server starts with an idle session so options are in force before the command runs.
    this.tmux('new-session', '-d', '-s', 'setup', '-x', String(size.columns), '-y', String(size.rows));
    for (const [name, value] of options) this.tmux('set-option', '-g', name, value);
    this.tmux(
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(size.columns),
      '-y',
      String(size.rows),
      command,
    );
    this.tmux('kill-session', '-t', 'setup');
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** The visible screen; with `escapes`, colours and attributes as SGR sequences. */
  capture(escapes = false): string {
    return this.tmux('capture-pane', '-p', '-t', 'main:0.0', ...(escapes ? ['-e'] : []));
  }

  send(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main:0.0', ...keys);
  }

  /** A pane or window variable such as `alternate_on`, `cursor_flag` or `window_name`. */
  query(format: string): string {
    return this.tmux('display-message', '-p', '-t', 'main:0.0', format).trim();
  }

  /** tmux's own command line, for what the helpers above do not cover (paste buffers, splits). */
  command(...args: string[]): string {
    return this.tmux(...args);
  }

  /** Appends every byte the program writes to the pane to `file` (tmux pipe-pane); none stops it. */
  pipeTo(file?: string): void {
    this.tmux('pipe-pane', ...(file ? ['-o', `cat >> '${file}'`] : []));
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows));
  }

  /** Everything the program writes to the terminal from now on, appended to `path`. */
  record(path: string): void {
    this.tmux('pipe-pane', '-o', '-t', 'main:0.0', `cat >> '${path}'`);
  }

  /** Polls the screen until `pattern` shows up; fails with the screen it last saw. */
  async waitFor(pattern: RegExp, timeoutMs = 30_000, escapes = false): Promise<string> {
    return this.waitUntil(
      (screen) => (pattern.test(screen) ? undefined : `no ${pattern}`),
      timeoutMs,
      escapes,
    );
  }

  /**
   * Polls the screen until `problems` finds nothing wrong with it (returns undefined); fails with the
   * last problem and the screen it was found on.
   */
  async waitUntil(
    problems: (screen: string) => string | undefined,
    timeoutMs = 30_000,
    escapes = false,
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    let problem: string | undefined = 'never looked';
    while (Date.now() < deadline) {
      screen = this.capture(escapes);
      problem = problems(screen);
      if (problem === undefined) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out: ${problem}; screen:\n${screen}`);
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
