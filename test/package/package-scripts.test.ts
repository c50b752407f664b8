import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fingerprint } from '../../scripts/package/fresh.js';
import { compareVersions, glibcNeeded, neededVersions } from '../../scripts/package/glibc.js';
import { launcherText, shebangFlags } from '../../scripts/package/launcher.js';
import { repoRoot } from '../helpers/release.js';

const pinnedBinary = join(repoRoot, 'node_modules/node/bin/node');

test('versions compare as numbers, part by part', () => {
  assert.equal(compareVersions('2.9', '2.28'), -1);
  assert.equal(compareVersions('2.28', '2.28'), 0);
  assert.equal(compareVersions('2.28.1', '2.28'), 1);
  assert.equal(compareVersions('3.0', '2.99'), 1);
});

test('the glibc an ELF file needs is the highest GLIBC_ version objdump lists for it', (context) => {
  let listed = '';
  try {
    listed = execFileSync('objdump', ['-T', pinnedBinary], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch {
    context.skip('objdump (binutils) is not installed');
    return;
  }
  const versions = [
    ...new Set([...listed.matchAll(/\bGLIBC_(\d+(?:\.\d+)+)\b/g)].map((match) => match[1] ?? '')),
  ];
  const highest = versions.sort(compareVersions).at(-1);
  assert.equal(glibcNeeded(pinnedBinary), highest);
  assert.ok(neededVersions(readFileSync(pinnedBinary)).some((name) => name.startsWith('GLIBCXX_')));
});

test('a file that is not a 64-bit little-endian ELF executable is refused, not misread', () => {
  const directory = mkdtempSync(join(tmpdir(), 'gaussdb-top-elf-'));
  const text = join(directory, 'text');
  writeFileSync(text, '#!/bin/sh\necho hello\n'.repeat(10));
  assert.throws(() => glibcNeeded(text), /not a 64-bit little-endian ELF executable: no ELF magic/);
  const elf32 = Buffer.alloc(128);
  elf32.writeUInt32BE(0x7f454c46, 0);
  elf32[4] = 1;
  elf32[5] = 1;
  assert.throws(() => neededVersions(elf32), /class 1/);
  const truncated = readFileSync(pinnedBinary).subarray(0, 4096);
  assert.throws(() => neededVersions(truncated), /section table/);
});

test("the V8 flags come from bin/gaussdb-top.js's shebang; another shebang is refused", () => {
  const flags = shebangFlags(readFileSync(join(repoRoot, 'bin/gaussdb-top.js'), 'utf8'));
  assert.ok(flags.length > 0 && flags.every((flag) => /^--[\w-]+(=[\w.-]+)?$/.test(flag)), String(flags));
  assert.throws(() => shebangFlags('#!/usr/bin/env node\n'), /unexpected shebang/);
  assert.throws(() => shebangFlags('#!/usr/bin/env -S node --a; rm -rf /\n'), /unexpected shebang/);
});

const values = {
  version: '1.2.3',
  nodeVersion: '24.21.0',
  machine: 'x86_64',
  glibcNeeded: '2.28',
  payloadSha256: 'ab'.repeat(32),
  unpackedName: 'gaussdb-top-1.2.3-linux-x64-abababababab',
  nodeFlags: ['--max-semi-space-size=4', '--v8-pool-size=1'],
};

test('the launcher states its own length as the payload offset, and every value is filled in', () => {
  const text = launcherText(values);
  const offset = Number(/^payload_offset=(\d+)$/m.exec(text)?.[1]);
  assert.equal(offset, Buffer.byteLength(text));
  assert.doesNotMatch(text, /@[A-Z0-9_]+@/);
  assert.match(
    text,
    /"\$root\/node" --max-semi-space-size=4 --v8-pool-size=1 "\$root\/bin\/gaussdb-top\.js" "\$@"/,
  );
  execFileSync('sh', ['-n'], { input: text });
});

test('a value a shell would expand never reaches the launcher', () => {
  for (const [name, bad] of [
    ['version', "1.0'; rm -rf ~; '"],
    ['unpackedName', '$(id)'],
    ['nodeFlags', ['--a', '`id`']],
    ['machine', 'x86_64\nexit 0'],
  ] as const) {
    assert.throws(() => launcherText({ ...values, [name]: bad }), /unsafe value/, name);
  }
});

test('the fingerprint of the inputs changes with any source file, and only with the inputs', () => {
  const copy = mkdtempSync(join(tmpdir(), 'gaussdb-top-inputs-'));
  for (const name of ['package.json', 'bin', 'scripts'])
    cpSync(join(repoRoot, name), join(copy, name), { recursive: true });
  const before = fingerprint(copy);
  assert.equal(fingerprint(copy), before);
  writeFileSync(join(copy, 'README.md'), 'not an input');
  assert.equal(fingerprint(copy), before);
  writeFileSync(join(copy, 'scripts/new.js'), '');
  assert.notEqual(fingerprint(copy), before);
});
