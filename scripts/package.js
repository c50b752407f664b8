// `npm run package`: release/gaussdb-top-<version>-linux-x64 and -linux-arm64, each one executable
// file that carries the official Node.js runtime and the application, and release/SHA256SUMS.
// Each file is a POSIX sh launcher followed by a gzip-compressed tar (README.md, "Install on a
// bastion", says why not a Node.js single executable application). Skipped when release/ was built
// from the same inputs (`--force` builds anyway); runs one at a time (release/.lock).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { bundle } from './bundle.js';
import { withLock } from './package/build-lock.js';
import { fingerprint, isFresh, markFresh } from './package/fresh.js';
import { glibcNeeded } from './package/glibc.js';
import { launcherText, shebangFlags } from './package/launcher.js';
import { pinnedNodeVersion, prepareRuntime, targets } from './package/runtime.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const release = join(root, 'release');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nodeVersion = pinnedNodeVersion();
const binText = readFileSync(join(root, 'bin/gaussdb-top.js'), 'utf8');
const fileName = (arch) => `gaussdb-top-${version}-linux-${arch}`;
const names = Object.keys(targets).map(fileName);
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The time stamp of every file in the payload: the commit's, so a build of one commit is repeatable. */
function payloadTime() {
  if (process.env.SOURCE_DATE_EPOCH) return process.env.SOURCE_DATE_EPOCH;
  try {
    return execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '0';
  }
}

/** The tree a file unpacks to: the runtime, bin/ and dist/ as npm installs them, a package.json. */
function stage(arch, dist, staging) {
  const tree = join(staging, `linux-${arch}`);
  mkdirSync(join(tree, 'bin'), { recursive: true });
  copyFileSync(join(root, 'bin/gaussdb-top.js'), join(tree, 'bin/gaussdb-top.js'));
  chmodSync(join(tree, 'bin/gaussdb-top.js'), 0o755);
  cpSync(dist, join(tree, 'dist'), { recursive: true });
  // dist/ is ESM ("type"), and source/version.ts reads the version and how it was installed here.
  const manifest = { name: 'gaussdb-top', version, private: true, type: 'module', singleFile: true };
  writeFileSync(join(tree, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const runtime = prepareRuntime(arch, nodeVersion, join(release, '.runtimes'), tree);
  chmodSync(join(tree, 'node'), 0o755);
  return { tree, runtime, glibc: glibcNeeded(join(tree, 'node')) };
}

async function payload(tree) {
  const tar = `${tree}.tar`;
  execFileSync('tar', [
    ...['--format=ustar', '--sort=name', '--owner=0', '--group=0', '--numeric-owner'],
    ...[`--mtime=@${payloadTime()}`, '--mode=u=rwX,go=rX', '-cf', tar, '-C', tree, '.'],
  ]);
  const unpackedSize = statSync(tar).size;
  const compressed = await promisify(gzip)(readFileSync(tar), { level: 9 });
  rmSync(tar);
  return { compressed, unpackedSize };
}

async function build() {
  const inputs = fingerprint(root);
  const staging = join(release, '.staging');
  rmSync(staging, { recursive: true, force: true });
  const dist = join(staging, 'dist');
  await bundle({ outdir: dist });
  const flags = shebangFlags(binText);
  const built = await Promise.all(
    Object.entries(targets).map(async ([arch, { machine }]) => {
      const { tree, runtime, glibc } = stage(arch, dist, staging);
      const { compressed, unpackedSize } = await payload(tree);
      const payloadSha256 = createHash('sha256').update(compressed).digest('hex');
      const launcher = launcherText({
        version,
        nodeVersion,
        machine,
        glibcNeeded: glibc,
        payloadSha256,
        unpackedName: `${fileName(arch)}-${payloadSha256.slice(0, 12)}`,
        nodeFlags: flags,
      });
      const file = Buffer.concat([Buffer.from(launcher), compressed]);
      const path = join(release, fileName(arch));
      writeFileSync(`${path}.partial`, file, { mode: 0o755 });
      chmodSync(`${path}.partial`, 0o755);
      renameSync(`${path}.partial`, path);
      return { arch, name: fileName(arch), file, runtime, unpackedSize, glibc };
    }),
  );
  const sums = built.map(({ name, file }) => `${createHash('sha256').update(file).digest('hex')}  ${name}\n`);
  writeFileSync(join(release, 'SHA256SUMS'), sums.join(''));
  // Files of other versions go: SHA256SUMS speaks for what is here.
  for (const name of readdirSync(release)) {
    if (name.startsWith('gaussdb-top-') && !names.includes(name))
      rmSync(join(release, name), { force: true });
  }
  rmSync(staging, { recursive: true, force: true });
  markFresh(root, release, inputs);
  for (const { name, file, runtime, unpackedSize, glibc } of built) {
    const strip = runtime.stripped
      ? `stripped from ${megabytes(runtime.official)} to ${megabytes(runtime.shipped)}`
      : `NOT stripped, ${megabytes(runtime.official)}: no strip reads this CPU's files (binutils-aarch64-linux-gnu)`;
    process.stdout.write(
      `release/${name}: ${megabytes(file.length)} (unpacks to ${megabytes(unpackedSize)}; ` +
        `Node.js ${nodeVersion} ${strip}; needs glibc ${glibc})\n`,
    );
  }
}

mkdirSync(release, { recursive: true });
const expected = [...names, 'SHA256SUMS'];
const force = process.argv.includes('--force');
await withLock(join(release, '.lock'), async () => {
  if (!force && isFresh(root, release, expected)) {
    for (const name of names) {
      process.stdout.write(
        `release/${name}: ${megabytes(statSync(join(release, name)).size)} (up to date)\n`,
      );
    }
    return;
  }
  await build();
});
