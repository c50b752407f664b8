import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { allHostile, hostile, unsafeText } from '../helpers/hostile-text.js';
import { cleanEnv, runCli } from '../helpers/run-cli.js';

// Mistakes in flags and config files are echoed back to name them; the echo must not carry escape
// sequences (a pasted or downloaded config can hold anything).
const env = cleanEnv({ GAUSSDB_TOKEN: 'usage-token' });
const project = [
  '--project-id',
  'a'.repeat(32),
  '--endpoint',
  'http://127.0.0.1:9',
  '--instance',
  'b'.repeat(36),
];

function assertOneCleanLine(stderr: string, pattern: RegExp): void {
  assert.match(stderr, /^gaussdb-top: [^\n]*\n$/, 'one line');
  assert.match(stderr, pattern);
  assert.doesNotMatch(stderr.slice(0, -1), unsafeText, `clean: ${JSON.stringify(stderr)}`);
}

test('an unknown TOML key with escape sequences is named without them', async () => {
  const config = join(String(env.HOME), 'hostile.toml');
  const key = JSON.stringify(`${hostile.hyperlink}${hostile.c1}${hostile.bidi}key`);
  writeFileSync(config, `${key} = 1\n`);
  const result = await runCli([...project, '--config', config, '--once'], env);
  assert.equal(result.code, 2);
  assertOneCleanLine(result.stderr, /unknown key .*key/);
});

test('an unknown flag with escape sequences is named without them', async () => {
  const result = await runCli([...project, `--${hostile.colour}${hostile.c1}evil`, '--once'], env);
  assert.equal(result.code, 2);
  assertOneCleanLine(result.stderr, /unknown flag --.*evil/);
});

for (const [what, args] of [
  ['an unexpected argument', [...project, `arg${allHostile}`]],
  ['a bad --lang', [...project, '--lang', `en${hostile.bidi}${hostile.c1}`]],
  ['a missing --config', [...project, '--config', `/nonexistent/${hostile.concealed}${hostile.c1}.toml`]],
  [
    'a bad --endpoint',
    ['--project-id', 'a'.repeat(32), '--endpoint', `https://x${hostile.c1}${hostile.bidi}`],
  ],
] as const) {
  test(`${what}: the usage error is one clean line`, async () => {
    const result = await runCli([...args, '--once'], env);
    assert.equal(result.code, 2, result.stderr);
    assertOneCleanLine(result.stderr, /./);
  });
}
