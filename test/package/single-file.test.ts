import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { shebangFlags } from '../../scripts/package/launcher.js';
import {
  assertNoNode,
  ensureRelease,
  fileFor,
  pathWithoutNode,
  pinnedNode,
  releaseDir,
  removeTemporaries,
  repoRoot,
  runFile,
  temporaryDirectory,
  version,
} from '../helpers/release.js';

// The x64 file as a bastion runs it: a bare environment (`env -i`), no Node.js on PATH.
describe('the x64 single file, with no node on PATH', () => {
  const file = fileFor('x64');
  let path = '';
  let home = '';

  after(removeTemporaries);

  before(
    () => {
      ensureRelease();
      path = pathWithoutNode();
      assertNoNode(path);
      home = temporaryDirectory('home');
    },
    { timeout: 20 * 60_000 },
  );

  test('SHA256SUMS checks and both files are executable', () => {
    const checked = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: releaseDir, encoding: 'utf8' });
    assert.match(checked, new RegExp(`gaussdb-top-${version}-linux-x64: OK`));
    assert.match(checked, new RegExp(`gaussdb-top-${version}-linux-arm64: OK`));
    for (const arch of ['x64', 'arm64'] as const) {
      assert.equal(statSync(fileFor(arch)).mode & 0o111, 0o111, `${arch} file executable by all`);
    }
  });

  test('the environment has no node, and the file does not need one: --version', async () => {
    const found = await runFile('/bin/sh', ['-c', 'command -v node || echo none'], { path, home });
    assert.equal(found.stdout, 'none\n');
    const result = await runFile(file, ['--version'], { path, home });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `${version} (single file: Node.js ${pinnedNode}, linux-x64)\n`);
    // stderr is not a terminal: the one-time unpacking notice is not printed either.
    assert.equal(result.stderr, '');
  });

  test('--demo --once --json prints the 12 demo instances as JSON', async () => {
    const result = await runFile(file, ['--demo', '--once', '--json'], { path, home });
    assert.equal(result.code, 0, result.stderr);
    const document = JSON.parse(result.stdout) as { instances: { name: string; total_num: unknown }[] };
    assert.equal(document.instances.length, 12);
    for (const instance of document.instances) assert.equal(typeof instance.total_num, 'number');
  });

  test('the emulator subcommand serves the API: the instance list answers, SIGTERM ends it', async () => {
    const child = spawn(file, ['emulator', '--port', '0', '--instances', '5'], {
      env: { PATH: path, HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let banner = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        banner += chunk.toString();
        const match = /on (http:\/\/127\.0\.0\.1:\d+): .* project ([0-9a-f]{32})/.exec(banner);
        if (match && banner.includes('then:')) resolve(`${match[1]}/v3/${match[2]}/instances`);
      });
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${banner}`)));
    });
    const token = /GAUSSDB_TOKEN=(\S+)/.exec(banner)?.[1] ?? '';
    const response = await fetch(url, { headers: { 'X-Auth-Token': token } });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { instances: unknown[] };
    assert.equal(body.instances.length, 5);
    const refused = await fetch(url, { headers: { 'X-Auth-Token': 'wrong' } });
    assert.equal(refused.status, 401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  test('unpacked once, into the private cache directory', () => {
    const cache = join(home, '.cache/gaussdb-top');
    assert.equal(statSync(cache).mode & 0o777, 0o700);
    const unpacked = readdirSync(cache).filter((name) =>
      name.startsWith(`gaussdb-top-${version}-linux-x64-`),
    );
    assert.equal(unpacked.length, 1, `one copy: ${readdirSync(cache).join(', ')}`);
    assert.deepEqual(
      readdirSync(cache).filter((name) => name.startsWith('.unpack')),
      [],
    );
  });

  test("the runtime starts bin/gaussdb-top.js with the shebang's V8 flags and every argument", async () => {
    // GAUSSDB_TOP_RUNNER (meant for qemu) is handed the whole command line: this one writes it down.
    const record = join(temporaryDirectory('argv'), 'argv');
    const runner = join(dirname(record), 'runner');
    writeFileSync(runner, `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nexec "$@"\n`, { mode: 0o755 });
    const args = ['--demo', '--once', '--lang', 'zh-cn', 'a b', '$HOME', '*'];
    const result = await runFile(file, args, { path, home, env: { GAUSSDB_TOP_RUNNER: runner } });
    assert.equal(result.code, 2, 'the stray words are refused by gaussdb-top itself');
    assert.match(result.stderr, /^gaussdb-top: unexpected argument "a b"/);
    const [program, ...rest] = readFileSync(record, 'utf8').split('\n').slice(0, -1);
    const flags = shebangFlags(readFileSync(join(repoRoot, 'bin/gaussdb-top.js'), 'utf8'));
    assert.ok(flags.length > 0);
    assert.ok(program?.startsWith(join(home, '.cache/gaussdb-top/')) && program.endsWith('/node'), program);
    assert.deepEqual(rest.slice(0, flags.length), flags);
    assert.match(rest[flags.length] ?? '', /\/bin\/gaussdb-top\.js$/);
    assert.deepEqual(rest.slice(flags.length + 1), args);
  });

  test("nothing of the build machine's paths in --version, usage errors or the unpacked files", async () => {
    const outputs = await Promise.all(
      [
        ['--version'],
        ['--bogus'],
        ['--interval', 'soon', '--demo', '--once'],
        ['--config', '/nonexistent/gaussdb-top.toml', '--once'],
        ['extra-word'],
      ].map((args) => runFile(file, args, { path, home })),
    );
    for (const [index, result] of outputs.entries()) {
      const text = result.stdout + result.stderr;
      assert.ok(!text.includes(repoRoot), `run ${index}: ${text}`);
      if (index > 0) {
        assert.equal(result.code, 2, text);
        assert.match(result.stderr, /^gaussdb-top: [^\n]+\n$/, 'one line');
      }
    }
    const cache = join(home, '.cache/gaussdb-top');
    const unpacked = readdirSync(cache).find((name) => name.startsWith(`gaussdb-top-${version}-linux-x64-`));
    const tree = join(cache, unpacked ?? 'missing');
    const texts = [
      'package.json',
      'bin/gaussdb-top.js',
      ...readdirSync(join(tree, 'dist')).map((n) => `dist/${n}`),
    ];
    for (const name of texts) {
      assert.ok(!readFileSync(join(tree, name), 'utf8').includes(repoRoot), `${name} names ${repoRoot}`);
    }
    assert.ok(!readFileSync(file).subarray(0, 8192).toString('latin1').includes(repoRoot), 'the launcher');
  });
});
