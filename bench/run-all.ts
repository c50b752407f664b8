// Runs every benchmark one after another (`npm run bench`; `-- --quick` for a fast smoke run).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const scripts = [
  'poll-throughput.ts',
  'frame-cost.tsx',
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
for (const script of scripts) {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...extra],
    { stdio: 'inherit' },
  );
}
