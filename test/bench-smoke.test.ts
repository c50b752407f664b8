import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The benchmarks are scripts, not tests; this only keeps the quick ones from rotting.
for (const script of ['poll-throughput.ts', 'frame-cost.tsx']) {
  test(`bench/${script} --quick runs and reports`, async () => {
    const path = fileURLToPath(new URL(`../bench/${script}`, import.meta.url));
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', path, '--quick'],
        { timeout: 120_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    assert.match(output, /budget/);
    assert.doesNotMatch(output, /NaN/);
  });
}
