// Runs every benchmark one after another (`npm run bench`; `-- --quick` for a fast smoke run).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const scripts = [
  'poll-throughput.ts',
  'frame-cost.tsx',
  'drill-frame.tsx',
  'terminal-bytes.ts',
  'startup.ts',
  'idle-cpu.ts',
  'memory.ts',
  'record-size.ts',
  'drill-requests.ts',
  'metrics-render.ts',
  'serve-scale.ts',
  // Builds release/ first when it is not fresh (npm run package).
  'single-file-startup.ts',
];
const extra = process.argv.slice(2);
/** Node flags a script needs besides tsx: the sessions page is timed with the bundle's text widths. */
const nodeFlags: Record<string, string[]> = {
  'drill-frame.tsx': ['--import', fileURLToPath(new URL('bundle-widths.ts', import.meta.url))],
};
for (const script of scripts) {
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      ...(nodeFlags[script] ?? []),
      fileURLToPath(new URL(script, import.meta.url)),
      ...extra,
    ],
    { stdio: 'inherit' },
  );
}
