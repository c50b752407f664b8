// Whether release/ already holds what `npm run package` would build: a fingerprint of every input
// (sources, scripts, bin, package files) is kept beside the files; the same fingerprint and the
// files still there means the build can be skipped (the tests build at most once per change).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const inputs = ['package.json', 'package-lock.json', 'bin', 'source', 'scripts'];

/** Every file at or under `path` (relative to `root`), in a stable order. */
function files(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(root, join(path, name)));
}

/** A SHA-256 over the names and contents of every input under `root`. */
export function fingerprint(root) {
  const hash = createHash('sha256');
  for (const path of inputs.flatMap((input) => files(root, input))) {
    hash
      .update(`${path}\0`)
      .update(readFileSync(join(root, path)))
      .update('\0');
  }
  return hash.digest('hex');
}

const stampName = '.inputs-sha256';

/** True when `release` was built from these inputs and every file named in `expected` is there. */
export function isFresh(root, release, expected) {
  const stamp = join(release, stampName);
  if (!existsSync(stamp) || !expected.every((name) => existsSync(join(release, name)))) return false;
  return readFileSync(stamp, 'utf8').trim() === fingerprint(root);
}

export function markFresh(root, release, print) {
  writeFileSync(join(release, stampName), `${print ?? fingerprint(root)}\n`);
}
