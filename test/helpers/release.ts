import { execFile, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The single files of `npm run package`, built once per change of the sources (release/ is kept). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const releaseDir = join(repoRoot, 'release');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
export const version = manifest.version;
export const pinnedNode = (
  JSON.parse(readFileSync(join(repoRoot, 'node_modules/node/package.json'), 'utf8')) as { version: string }
).version;
export const fileFor = (arch: 'x64' | 'arm64') => join(releaseDir, `gaussdb-top-${version}-linux-${arch}`);

const temporaries: string[] = [];

/** A new temporary directory, removed by `removeTemporaries` (an unpacked copy is 110 MB). */
export function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), `gaussdb-top-${prefix}-`));
  temporaries.push(directory);
  return directory;
}

export function removeTemporaries(): void {
  for (const directory of temporaries.splice(0)) rmSync(directory, { recursive: true, force: true });
}

/** Builds release/ unless it is fresh (scripts/package.js decides, one build at a time). */
export function ensureRelease(): void {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/package.js')], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * A directory that stands for /usr/bin and /bin without Node.js: links to every program there but
 * node, nodejs, npm, npx and corepack (this machine, like many, has a system node in /usr/bin).
 */
export function pathWithoutNode(): string {
  const directory = join(temporaryDirectory('path'), 'bin');
  mkdirSync(directory);
  const excluded = new Set(['node', 'nodejs', 'npm', 'npx', 'corepack']);
  for (const system of ['/usr/bin', '/bin']) {
    for (const name of readdirSync(system)) {
      if (excluded.has(name) || existsSync(join(directory, name))) continue;
      symlinkSync(join(system, name), join(directory, name));
    }
  }
  return directory;
}

/** Fails unless no directory of `path` holds a `node`. */
export function assertNoNode(path: string): void {
  for (const directory of path.split(':')) {
    if (existsSync(join(directory, 'node'))) throw new Error(`${directory}/node is on PATH`);
  }
}

export interface FileRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `file` as `env -i PATH=<path> HOME=<home> [extra...] file args` would: nothing of the test's
 * environment, a fresh HOME unless one is given.
 */
export function runFile(
  file: string,
  args: string[],
  options: { path: string; home?: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<FileRun> {
  const home = options.home ?? temporaryDirectory('home');
  const env = { PATH: options.path, HOME: home, ...options.env };
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: unknown; signal?: NodeJS.Signals }) | null;
        const code = failure ? (typeof failure.code === 'number' ? failure.code : null) : 0;
        resolve({ code, signal: failure?.signal ?? null, stdout, stderr });
      },
    );
  });
}

/** Writes an executable sh script `name` into `directory`. */
export function fakeTool(directory: string, name: string, script: string): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
}
