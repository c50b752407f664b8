import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chownSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ensureRelease,
  fakeTool,
  fileFor,
  pathWithoutNode,
  pinnedNode,
  removeTemporaries,
  runFile,
  temporaryDirectory,
  version,
} from '../helpers/release.js';

// What the launcher checks before it starts anything, each with the tool it asks replaced by a fake
// one on PATH: one line naming what was found and what is needed, exit 1, nothing unpacked.
describe('the launcher of a single file', () => {
  const file = fileFor('x64');
  let path = '';
  const fresh = () => temporaryDirectory('home');
  const unpackedIn = (home: string) => {
    const cache = join(home, '.cache/gaussdb-top');
    // Copies and work directories; Node.js's compile cache lives beside them (v24...).
    return existsSync(cache) ? readdirSync(cache).filter((name) => !name.startsWith('v')) : [];
  };
  /** PATH with fake tools first, made by `tools` (name -> sh script). */
  const withFakes = (tools: Record<string, string>) => {
    const directory = temporaryDirectory('fakes');
    for (const [name, script] of Object.entries(tools)) fakeTool(directory, name, script);
    return `${directory}:${path}`;
  };

  after(removeTemporaries);

  before(
    () => {
      ensureRelease();
      path = pathWithoutNode();
    },
    { timeout: 20 * 60_000 },
  );

  test('glibc older than the runtime needs: one line with both versions, exit 1', async () => {
    for (const found of ['2.17', '2.27', '1.99']) {
      const home = fresh();
      const fakes = withFakes({ getconf: `echo 'glibc ${found}'` });
      const result = await runFile(file, ['--version'], { path: fakes, home });
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.equal(
        result.stderr,
        `gaussdb-top: needs glibc 2.28 or newer (Node.js ${pinnedNode}), found ${found}\n`,
      );
      assert.deepEqual(unpackedIn(home), [], 'nothing unpacked');
    }
  });

  test('in a Chinese locale the same line is in Chinese', async () => {
    const fakes = withFakes({ getconf: "echo 'glibc 2.17'", uname: "echo 'Linux aarch64'" });
    const machine = await runFile(file, ['--version'], { path: fakes, env: { LANG: 'zh_CN.UTF-8' } });
    assert.equal(machine.stderr, 'gaussdb-top: 此文件用于 Linux x86_64，本机是 Linux aarch64\n');
    const glibc = await runFile(file, ['--version'], {
      path: withFakes({ getconf: "echo 'glibc 2.17'" }),
      env: { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' },
    });
    assert.equal(glibc.code, 1);
    assert.equal(
      glibc.stderr,
      `gaussdb-top: 需要 glibc 2.28 或更新版本（Node.js ${pinnedNode}），本机为 2.17\n`,
    );
  });

  test('glibc at the boundary and above runs', async () => {
    const home = fresh();
    for (const found of ['2.28', '2.100', '3.0']) {
      const fakes = withFakes({ getconf: `echo 'glibc ${found}'` });
      const result = await runFile(file, ['--version'], { path: fakes, home });
      assert.equal(result.code, 0, `${found}: ${result.stderr}`);
      assert.match(result.stdout, new RegExp(`^${version.replaceAll('.', '\\.')} `));
    }
  });

  test('musl, or no C library version at all, is named as such', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ getconf: 'exit 1', ldd: "echo 'musl libc (x86_64)' >&2; exit 1" }, 'musl libc'],
      [{ getconf: 'echo garbage', ldd: 'exit 127' }, 'no glibc'],
    ];
    for (const [tools, named] of cases) {
      const result = await runFile(file, ['--demo', '--once'], { path: withFakes(tools) });
      assert.equal(result.code, 1);
      assert.equal(
        result.stderr,
        `gaussdb-top: needs glibc 2.28 or newer (Node.js ${pinnedNode}), found ${named}\n`,
      );
    }
  });

  test('another CPU or system: one line naming both, and the arm64 file refuses this x86_64 machine', async () => {
    const fakes = withFakes({ uname: "echo 'Linux aarch64'" });
    const wrong = await runFile(file, ['--version'], { path: fakes });
    assert.equal(wrong.code, 1);
    assert.equal(
      wrong.stderr,
      'gaussdb-top: this file runs on Linux x86_64, this machine is Linux aarch64\n',
    );
    const darwin = await runFile(file, ['--version'], { path: withFakes({ uname: "echo 'Darwin x86_64'" }) });
    assert.equal(
      darwin.stderr,
      'gaussdb-top: this file runs on Linux x86_64, this machine is Darwin x86_64\n',
    );
    const arm = await runFile(fileFor('arm64'), ['--version'], { path });
    assert.equal(arm.code, 1);
    assert.match(arm.stderr, /^gaussdb-top: this file runs on Linux aarch64, this machine is Linux \S+\n$/);
  });

  test('a damaged file is refused before anything is unpacked', async () => {
    const copy = join(temporaryDirectory('copy'), 'gaussdb-top');
    copyFileSync(file, copy);
    // One byte in the middle of the payload, flipped.
    const descriptor = openSync(copy, 'r+');
    const at = Math.floor(statSync(copy).size / 2);
    const byte = Buffer.alloc(1);
    readSync(descriptor, byte, 0, 1, at);
    writeSync(descriptor, Buffer.from([(byte[0] as number) ^ 0xff]), 0, 1, at);
    closeSync(descriptor);
    const home = fresh();
    const result = await runFile(copy, ['--version'], { path, home });
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr,
      `gaussdb-top: ${copy} is damaged (its checksum does not match): copy it again\n`,
    );
    assert.deepEqual(unpackedIn(home), [], 'no copy, no leftover work directory');
  });

  test('on a terminal the first run says it unpacks, once; later runs say nothing', async () => {
    const home = fresh();
    const onTerminal = () =>
      execFileSync(
        'script',
        ['-q', '-e', '-c', `env -i PATH=${path} HOME=${home} ${file} --version`, '/dev/null'],
        {
          encoding: 'utf8',
        },
      );
    const first = onTerminal();
    const notice = `gaussdb-top: unpacking Node.js ${pinnedNode} and gaussdb-top ${version} into ${home}/.cache/gaussdb-top (once)`;
    assert.ok(first.includes(notice), first);
    assert.ok(first.includes(`${version} (single file`), first);
    const second = onTerminal();
    assert.ok(!second.includes('unpacking'), second);
    assert.ok(second.includes(`${version} (single file`), second);
  });

  test('a copy cut short (its runtime deleted) is unpacked again', async () => {
    const home = fresh();
    assert.equal((await runFile(file, ['--version'], { path, home })).code, 0);
    const [copy] = unpackedIn(home);
    rmSync(join(home, '.cache/gaussdb-top', copy ?? 'missing', 'node'));
    const again = await runFile(file, ['--version'], { path, home });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(unpackedIn(home), [copy]);
  });

  test('three first runs at once: each runs, one copy stays, no work directory is left', async () => {
    const home = fresh();
    const results = await Promise.all([1, 2, 3].map(() => runFile(file, ['--version'], { path, home })));
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    assert.equal(unpackedIn(home).length, 1, unpackedIn(home).join(', '));
    assert.match(unpackedIn(home)[0] ?? '', new RegExp(`^gaussdb-top-${version}-linux-x64-[0-9a-f]{12}$`));
    const copy = join(home, '.cache/gaussdb-top', unpackedIn(home)[0] ?? 'missing');
    assert.deepEqual(readdirSync(copy).sort(), ['LICENSE.node', 'bin', 'dist', 'node', 'package.json']);
  });

  test('XDG_CACHE_HOME is used when absolute; a cache directory of another user is refused', async () => {
    const xdg = join(fresh(), 'xdg');
    const result = await runFile(file, ['--version'], { path, env: { XDG_CACHE_HOME: xdg } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(statSync(join(xdg, 'gaussdb-top')).mode & 0o777, 0o700);
    const home = fresh();
    const relative = await runFile(file, ['--version'], { path, home, env: { XDG_CACHE_HOME: 'xdg' } });
    assert.equal(relative.code, 0, relative.stderr);
    assert.equal(unpackedIn(home).length, 1, 'a relative XDG_CACHE_HOME is ignored: ~/.cache');
    if (process.getuid?.() !== 0) return; // giving a directory away takes root
    const other = fresh();
    mkdirSync(join(other, '.cache/gaussdb-top'), { recursive: true });
    chownSync(join(other, '.cache/gaussdb-top'), 12345, 12345);
    const refused = await runFile(file, ['--version'], { path, home: other });
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, `gaussdb-top: ${other}/.cache/gaussdb-top belongs to another user\n`);
  });
});
