import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Shared plumbing for the benchmarks: the real binary, a separate emulator process, /proc readings. */
export const binPath = fileURLToPath(new URL('../bin/gaussdb-top.js', import.meta.url));
export const node = process.execPath;
/** The flags of the shebang of bin/gaussdb-top.js, for runs that start it as `node <bin>`. */
export const nodeFlags = (readFileSync(binPath, 'utf8').split('\n')[0] ?? '')
  .split(' ')
  .filter((word) => word.startsWith('--'));
export const clockTicksPerSecond = 100;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

export const quick = process.argv.includes('--quick');

export interface EmulatorProcess {
  url: string;
  projectId: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export { targetFlags } from '../test/helpers/emulator-target.js';

/** `gaussdb-top emulator` in its own process, so its CPU is not counted against the monitor. */
export async function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child = spawn(node, [...nodeFlags, binPath, 'emulator', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const banner = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('then:')) resolve(text);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
  const projectId = /project ([0-9a-f]{32})/.exec(banner)?.[1] ?? '';
  const token = /GAUSSDB_TOKEN=(\S+)/.exec(banner)?.[1] ?? '';
  return {
    url,
    projectId,
    token,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** User + system CPU of a process so far, in milliseconds (from /proc/<pid>/stat). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the command name: field 14 (utime) and 15 (stime) of stat are at 11 and 12 here.
  return ((Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond) * 1000;
}

/** Resident set size of a process, in MiB. */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1];
  return Number(line) / 1024;
}

/** The node process gaussdb-top runs in, below a wrapper such as `script`. */
export function descendantNamed(rootPid: number, pattern: RegExp): number | undefined {
  const children = (pid: number): number[] => {
    try {
      return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift() as number;
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (pid !== rootPid && pattern.test(command)) return pid;
    } catch {
      // Gone meanwhile.
    }
    queue.push(...children(pid));
  }
  return undefined;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function report(title: string, rows: [string, string][]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}
