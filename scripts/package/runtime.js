// The Node.js runtime a single file carries: the official Linux build of the pinned version, from the
// npm registry's node-linux-<arch> package (as the `node` devDependency gets its own), checked
// against scripts/package/runtimes.json, then stripped of symbols and debug information (about 18 MB
// of 126; the file is smaller, the runtime the same).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const pins = JSON.parse(readFileSync(new URL('runtimes.json', import.meta.url), 'utf8'));

/** The targets: npm's CPU name, `uname -m` on Linux, and the binutils prefix of a cross strip. */
export const targets = {
  x64: { machine: 'x86_64', triple: 'x86_64-linux-gnu' },
  arm64: { machine: 'aarch64', triple: 'aarch64-linux-gnu' },
};

/** The pinned Node.js version: the `node` devDependency as installed. */
export function pinnedNodeVersion() {
  const require = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
  return require('../../node_modules/node/package.json').version;
}

function integrityOf(path) {
  return `sha512-${createHash('sha512').update(readFileSync(path)).digest('base64')}`;
}

/** The package's tarball in `cacheDirectory`, fetched with `npm pack` when absent, checked always. */
function tarball(arch, nodeVersion, cacheDirectory) {
  const expected = pins[nodeVersion]?.[arch];
  const name = `node-linux-${arch}`;
  if (!expected) {
    throw new Error(
      `no integrity pinned for ${name}@${nodeVersion} in scripts/package/runtimes.json ` +
        `(npm view ${name}@${nodeVersion} dist.integrity)`,
    );
  }
  mkdirSync(cacheDirectory, { recursive: true });
  const path = join(cacheDirectory, `${name}-${nodeVersion}.tgz`);
  if (!existsSync(path)) {
    execFileSync(
      'npm',
      ['pack', '--loglevel=error', `${name}@${nodeVersion}`, '--pack-destination', cacheDirectory],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  const found = integrityOf(path);
  if (found !== expected) {
    rmSync(path);
    throw new Error(`${name}@${nodeVersion}: integrity ${found}, pinned ${expected}; removed, not used`);
  }
  return path;
}

/** Strips `input` into `output` with the first strip that reads this CPU's files; false if none. */
function strip(arch, input, output) {
  for (const tool of [`${targets[arch].triple}-strip`, 'strip']) {
    const result = spawnSync(tool, ['--strip-all', '-o', output, input], { stdio: 'ignore' });
    if (result.status === 0) return true;
  }
  copyFileSync(input, output);
  return false;
}

/**
 * Puts the runtime for `arch` at `into`/node (mode 0755) and Node.js's licence at `into`/LICENSE.node.
 * Returns the sizes before and after stripping, and whether it could be stripped.
 */
export function prepareRuntime(arch, nodeVersion, cacheDirectory, into) {
  const archive = tarball(arch, nodeVersion, cacheDirectory);
  const unpacked = join(cacheDirectory, `node-linux-${arch}-${nodeVersion}`);
  rmSync(unpacked, { recursive: true, force: true });
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', archive, '-C', unpacked, 'package/bin/node', 'package/LICENSE']);
  mkdirSync(into, { recursive: true });
  const official = join(unpacked, 'package/bin/node');
  const stripped = strip(arch, official, join(into, 'node'));
  renameSync(join(unpacked, 'package/LICENSE'), join(into, 'LICENSE.node'));
  const sizes = { official: statSync(official).size, shipped: statSync(join(into, 'node')).size };
  rmSync(unpacked, { recursive: true, force: true });
  return { ...sizes, stripped };
}
