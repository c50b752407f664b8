// Start-up of the x64 single file (release/, `npm run package`) against bin/gaussdb-top.js run by the
// pinned Node.js, for `--version` and `--demo --once --json`, their runs interleaved in the same run;
// medians. Both are warmed first (the file unpacked, both compile caches written), as every run after
// the first on a bastion is.
// Usage: node --import tsx bench/single-file-startup.ts [--runs 21]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, binPath, median, quick, report } from './lib.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = arg('runs', quick ? 2 : 21);
execFileSync(process.execPath, [join(root, 'scripts/package.js')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const file = join(root, 'release', `gaussdb-top-${version}-linux-x64`);
const home = mkdtempSync(join(tmpdir(), 'gaussdb-top-bench-home-'));
// The bin through its shebang (`env -S node ...`), which finds the pinned Node.js first on PATH.
const env = { PATH: `${join(root, 'node_modules/.bin')}:/usr/bin:/bin`, HOME: home, LANG: 'C.UTF-8' };

const commands = {
  'file --version': [file, '--version'],
  'bin --version': [binPath, '--version'],
  'file --demo --once --json': [file, '--demo', '--once', '--json'],
  'bin --demo --once --json': [binPath, '--demo', '--once', '--json'],
} as const;
type Name = keyof typeof commands;

function timeMs([program, ...args]: readonly string[]): number {
  const started = performance.now();
  execFileSync(program as string, args, { env, stdio: 'ignore' });
  return performance.now() - started;
}

const names = Object.keys(commands) as Name[];
for (let warm = 0; warm < 3; warm++) for (const name of names) timeMs(commands[name]);
const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
for (let run = 0; run < runs; run++) {
  for (const name of names) times[name].push(timeMs(commands[name]));
}

const ms = (name: Name) => median(times[name]);
const ratio = (fileName: Name, binName: Name) =>
  `${ms(fileName).toFixed(0)} ms = ${(ms(fileName) / ms(binName)).toFixed(2)}x the bin (budget <= 1.2x)`;
report(`Single file start-up (median of ${runs}, interleaved)`, [
  ['bin --version (pinned Node.js)', `${ms('bin --version').toFixed(0)} ms`],
  ['file --version', ratio('file --version', 'bin --version')],
  ['bin --demo --once --json', `${ms('bin --demo --once --json').toFixed(0)} ms`],
  ['file --demo --once --json', ratio('file --demo --once --json', 'bin --demo --once --json')],
  ['size of the x64 file', `${(statSync(file).size / 1e6).toFixed(1)} MB`],
  [
    'size of the arm64 file',
    `${(statSync(join(root, 'release', `gaussdb-top-${version}-linux-arm64`)).size / 1e6).toFixed(1)} MB`,
  ],
]);
