import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { version } from '../../source/version.js';
import { afterExit, ended, liveCommand } from '../helpers/live-command.js';
import { binPath, cleanEnv } from '../helpers/run-cli.js';
import { hasTmux, TmuxPane } from '../helpers/tmux.js';

// The shebang's V8 flags (bench/README.md, memory) in every launch path. A probe loaded through
// NODE_OPTIONS reports, from inside the process, what V8 was really started with: the heap's limit
// (it counts the young generation, so it moves with --max-semi-space-size) and the number of threads
// (it follows --v8-pool-size), once per program image, so a relaunch shows as two starts in one pid.

const probePath = fileURLToPath(new URL('./v8-probe.mjs', import.meta.url));
const shebangFlags = (readFileSync(binPath, 'utf8').split('\n')[0] ?? '')
  .split(' ')
  .filter((word) => word.startsWith('--'));

interface ProbeLine {
  pid: number;
  phase: 'start' | 'exit';
  execArgv: string[];
  heapSizeLimit?: number;
  threads?: number;
  code?: number;
  argv?: string[];
  relaunchMarker?: string | null;
  probeEnv?: string | null;
}

interface Run {
  pid: number;
  code: number | null;
  stdout: string;
  stderr: string;
  starts: ProbeLine[];
  exit: ProbeLine | undefined;
}

/** The way npm installs a bin (`npx`, `node_modules/.bin`): a symbolic link run through its shebang. */
function npmBinLink(): string {
  const bin = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-npx-')), 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(binPath, join(bin, 'gaussdb-top'));
  return join(bin, 'gaussdb-top');
}

const launchers = {
  shebang: (args: string[]) => [binPath, ...args],
  'node bin/gaussdb-top.js': (args: string[]) => [process.execPath, binPath, ...args],
  'npm bin link': (args: string[]) => [npmBinLink(), ...args],
};

function probeEnv(extra: Record<string, string> = {}): { env: NodeJS.ProcessEnv; log: string } {
  const log = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-probe-')), 'probe.jsonl');
  const nodeOptions = [`--import=${probePath}`, extra.NODE_OPTIONS ?? ''].join(' ').trim();
  return { env: cleanEnv({ ...extra, NODE_OPTIONS: nodeOptions, V8_PROBE_LOG: log }), log };
}

function readProbe(log: string): ProbeLine[] {
  try {
    return readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ProbeLine);
  } catch {
    return [];
  }
}

/** Runs a command line to its end with the probe loaded; `extra` adds to the clean environment. */
function run(command: string[], extra: Record<string, string> = {}): Promise<Run> {
  const { env, log } = probeEnv(extra);
  return new Promise((resolve, reject) => {
    execFile(command[0] ?? '', command.slice(1), { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      const lines = readProbe(log);
      resolve({
        pid: 0,
        code,
        stdout,
        stderr,
        starts: lines.filter((line) => line.phase === 'start'),
        exit: lines.find((line) => line.phase === 'exit'),
      });
    }).once('error', reject);
  });
}

/** What V8 ran the program with in the end: the last start of the process. */
const final = (result: Run) => result.starts.at(-1) as ProbeLine;

describe('every launch path runs with the V8 flags of the shebang', () => {
  test('bin, `node bin/gaussdb-top.js` and an npm bin link end up with the same V8 configuration', async () => {
    const control = await run([process.execPath, '-e', '']);
    const seen = new Map<string, ProbeLine>();
    for (const [way, launch] of Object.entries(launchers)) {
      const result = await run(launch(['--version']));
      assert.equal(result.code, 0, `${way}: ${result.stderr}`);
      assert.equal(result.stdout, `${version}\n`, way);
      assert.equal(result.stderr, '', `${way}: nothing printed but the version (no ExperimentalWarning)`);
      const starts = new Set(result.starts.map((line) => line.pid));
      assert.equal(starts.size, 1, `${way}: one process, replaced rather than doubled`);
      assert.ok(result.starts.length <= 2, `${way}: relaunched at most once`);
      for (const flag of shebangFlags) assert.ok(final(result).execArgv.includes(flag), `${way}: ${flag}`);
      seen.set(way, final(result));
    }
    assert.equal(seen.get('node bin/gaussdb-top.js')?.heapSizeLimit, seen.get('shebang')?.heapSizeLimit);
    assert.equal(seen.get('node bin/gaussdb-top.js')?.threads, seen.get('shebang')?.threads);
    assert.equal(seen.get('npm bin link')?.heapSizeLimit, seen.get('shebang')?.heapSizeLimit);
    // The probe can tell: a Node.js without the flags has a larger young generation and more threads.
    assert.notEqual(final(control).heapSizeLimit, seen.get('shebang')?.heapSizeLimit);
    assert.ok((final(control).threads ?? 0) > (seen.get('shebang')?.threads ?? 0), 'fewer V8 threads');
  });

  test('the relaunch keeps every argument, the environment, the process id and the exit code', async () => {
    const args = ['--version', 'a b', '中文 会话', '', '$HOME', "it's", '--', '-x'];
    const direct = await run(launchers['node bin/gaussdb-top.js'](args), { PROBE_ENV: '值 with  spaces=1' });
    assert.equal(direct.starts.length, 2, 'started without the flags, so replaced once');
    assert.deepEqual(direct.exit?.argv, args);
    assert.equal(direct.exit?.probeEnv, '值 with  spaces=1');
    assert.equal(direct.exit?.relaunchMarker, null, 'the marker is gone before the program runs');
    assert.equal(direct.exit?.pid, direct.starts[0]?.pid);

    // A user error: the same one line and status either way.
    const viaNode = await run(launchers['node bin/gaussdb-top.js'](['--bogus']));
    const viaShebang = await run(launchers.shebang(['--bogus']));
    assert.equal(viaNode.starts.length, 2);
    assert.equal(viaNode.code, 2);
    assert.equal(viaNode.code, viaShebang.code);
    assert.equal(viaNode.stderr, 'gaussdb-top: unknown flag --bogus (see --help)\n');
    assert.equal(viaNode.stderr, viaShebang.stderr);
  });

  test('a flag the user set is theirs: kept, never overridden, the missing one added', async () => {
    const shebang = final(await run(launchers.shebang(['--version'])));
    for (const [label, command, extra] of [
      [
        'NODE_OPTIONS',
        launchers['node bin/gaussdb-top.js'](['--version']),
        { NODE_OPTIONS: '--max-semi-space-size=8' },
      ],
      ['command line, underscores', [process.execPath, '--max_semi_space_size=8', binPath, '--version'], {}],
    ] as [string, string[], Record<string, string>][]) {
      const result = await run(command, extra);
      assert.equal(result.code, 0, `${label}: ${result.stderr}`);
      const others = shebangFlags.filter((flag) => !flag.startsWith('--max-semi-space-size'));
      assert.deepEqual(final(result).execArgv, [
        ...(label === 'NODE_OPTIONS' ? [] : ['--max_semi_space_size=8']),
        ...others,
      ]);
      assert.notEqual(final(result).heapSizeLimit, shebang.heapSizeLimit, `${label}: 8 MB semi-spaces`);
    }
    const all = await run([process.execPath, ...shebangFlags, binPath, '--version']);
    assert.equal(all.starts.length, 1, 'every flag already given: no relaunch');
    assert.deepEqual(final(all).execArgv, shebangFlags);
    assert.equal(final(all).heapSizeLimit, shebang.heapSizeLimit);
  });

  test('no loop: a process already relaunched runs as it is, and so does one under the inspector', async () => {
    const marked = await run(launchers['node bin/gaussdb-top.js'](['--version']), {
      GAUSSDB_TOP_RELAUNCHED: '1',
    });
    assert.equal(marked.code, 0);
    assert.equal(marked.starts.length, 1);
    assert.deepEqual(final(marked).execArgv, []);
    assert.equal(marked.exit?.relaunchMarker, null);

    const inspected = await run([process.execPath, '--inspect=127.0.0.1:0', binPath, '--version']);
    assert.equal(inspected.code, 0, inspected.stderr);
    assert.equal(inspected.stdout, `${version}\n`);
    assert.equal(inspected.starts.length, 1, 'the debugger stays attached to the process it started');
  });

  test('a signal reaches the relaunched program as it reaches the shebang one', async () => {
    const endings = [];
    for (const way of ['shebang', 'node bin/gaussdb-top.js'] as const) {
      const { env, log } = probeEnv();
      const [file, ...args] = launchers[way](['emulator', '--port', '0', '--instances', '2']);
      const child = spawn(file ?? '', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk;
          const listening = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
          if (text.includes('then:') && listening) resolve(listening[1] as string);
        });
        child.once('exit', (code) => reject(new Error(`${way}: exited ${code} before listening: ${stderr}`)));
      });
      const ended = new Promise<[number | null, string | null]>((resolve) =>
        child.once('exit', (code, signal) => resolve([code, signal])),
      );
      // An answer means the event loop has turned since the banner: its signal handlers are in place.
      await (await fetch(`${url}/`)).arrayBuffer();
      child.kill('SIGTERM');
      endings.push({ way, ending: await ended, stderr });
      const starts = readProbe(log).filter((line) => line.phase === 'start');
      assert.ok(
        starts.every((line) => line.pid === child.pid),
        `${way}: the pid that was signalled`,
      );
      for (const flag of shebangFlags) assert.ok(starts.at(-1)?.execArgv.includes(flag), `${way}: ${flag}`);
    }
    assert.deepEqual(endings[0]?.ending, [0, null], 'the emulator stops cleanly on SIGTERM');
    assert.deepEqual(endings[1]?.ending, endings[0]?.ending);
    assert.equal(endings[1]?.stderr, endings[0]?.stderr);
  });

  test('`--once | head` ends quietly either way, also when the reader is gone before the first line', async () => {
    const demoLine = 'DEMO: simulated instances on the built-in emulator, not a real cloud\n';
    for (const way of ['shebang', 'node bin/gaussdb-top.js'] as const) {
      const line = launchers[way](['--demo', '--once'])
        .map((word) => `'${word}'`)
        .join(' ');
      // `true` exits at once, while gaussdb-top is still starting: every write meets a closed pipe.
      for (const [reader, expected] of [
        ['head -n 1', demoLine],
        ['true', ''],
      ]) {
        const result = await run(['bash', '-c', `set -o pipefail; ${line} | ${reader}`]);
        assert.equal(result.code, 0, `${way} | ${reader}: ${result.stderr}`);
        assert.equal(result.stdout, expected);
        assert.equal(result.stderr, '', `${way} | ${reader}`);
      }
    }
  });
});

describe('the relaunch on a terminal', { skip: !hasTmux() && 'tmux is not installed' }, () => {
  test('`node bin/gaussdb-top.js --demo` draws, reads keys and gives the terminal back', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-probe-')), 'probe.jsonl');
    const pane = new TmuxPane(
      liveCommand(['--demo'], { NODE_OPTIONS: `--import=${probePath}`, V8_PROBE_LOG: log }),
      { columns: 80, rows: 24 },
    );
    try {
      await pane.waitFor(/12\/12 OK/);
      pane.send('q');
      const { rc, modes } = afterExit(await pane.waitFor(ended));
      assert.equal(rc, 0);
      assert.deepEqual(modes, ['icanon', 'echo'], 'the terminal is as it was');
      const starts = readProbe(log).filter((line) => line.phase === 'start');
      assert.equal(starts.length, 2);
      assert.equal(starts[0]?.pid, starts[1]?.pid);
      for (const flag of shebangFlags) assert.ok(starts[1]?.execArgv.includes(flag), flag);
    } finally {
      pane.kill();
    }
  });
});
