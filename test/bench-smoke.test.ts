import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The benchmarks are scripts, not tests: no figure is judged here (a loaded machine would fail any
// budget). This keeps the quick runs from rotting: every figure the README quotes is still printed,
// as a finite number with its unit, and the budget it is read against is still named.
const figures: Record<string, readonly RegExp[]> = {
  'poll-throughput.ts': [
    /gaussdb-top cycle +\d+ ms = \d+(\.\d+)?x ideal \(budget <= [\d.]+x\)/,
    /curl loop baseline +\d+ ms/,
    /speed-up over baseline +\d+(\.\d+)?x \(budget >= \d+x\)/,
    /CPU per 1,000 requests +\d+ ms \(budget <= \d+ ms\)/,
  ],
  'drill-frame.tsx': [
    /median frame +\d+(\.\d+)? ms \(budget <= \d+ ms\)/,
    /95th percentile +\d+(\.\d+)? ms/,
    /bytes per frame +\d+ \(median\)/,
  ],
  'frame-cost.tsx': [
    /median frame +\d+(\.\d+)? ms \(budget <= \d+ ms\)/,
    /95th percentile +\d+(\.\d+)? ms/,
    /frames per burst +\d+ at most \(budget: 1\)/,
    /bytes per frame +\d+ \(median\)/,
  ],
  'metrics-render.ts': [
    /from scratch, text \+ UTF-8 bytes +\d+ ms median of 9, slowest \d+ ms/,
    /cache, every instance changed +\d+ ms median of 9, slowest \d+ ms/,
    /cache, kept up to date \(the scrape\) +\d+ ms median of 9, slowest \d+ ms \(budget <= 200 ms\)/,
    /size +\d+(\.\d+)? MiB/,
  ],
  'serve-scale.ts': [
    /RSS +\d+ MiB polling alone \(budget <= 300 MiB\)/,
    /RSS with the clients +\d+ MiB/,
    /CPU per 1,000 requests +\d+ ms/,
    /requests per second +\d+ \(--rate 2000\)/,
    /\/metrics +\d+ ms median of \d+, slowest \d+ ms, \d+(\.\d+)? MiB \(budget <= 200 ms\)/,
    /of which until headers +\d+ ms median, slowest \d+ ms/,
    /\/metrics, gzip \+ gunzip +\d+ ms median of \d+, slowest \d+ ms/,
    /\d+ SSE clients, extra CPU +-?\d+(\.\d+)?% of one core \(budget <= 25%\)/,
    /bytes per second per client +\d+/,
  ],
};

const widths = fileURLToPath(new URL('../bench/bundle-widths.ts', import.meta.url));

for (const [script, expected] of Object.entries(figures)) {
  test(`bench/${script} --quick prints every figure with its unit and budget`, async () => {
    const path = fileURLToPath(new URL(`../bench/${script}`, import.meta.url));
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', ...(script === 'drill-frame.tsx' ? ['--import', widths] : []), path, '--quick'],
        { timeout: 120_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    for (const figure of expected) assert.match(output, figure);
    assert.doesNotMatch(output, /NaN|Infinity|undefined/);
  });
}
