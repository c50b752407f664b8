import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { kindOf } from '../config/read-regular-file.js';
import { sessionKey } from './format.js';

/** Enough of a file to hold its first line: a session line is a few KB even for a large fleet. */
const headBytes = 256 * 1024;

const gzipMagic = [0x1f, 0x8b];

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The file's first bytes, read without waiting (a FIFO swapped in after the check is not read). */
function head(path: string): { bytes: Buffer; size: number; kind: string | null } | null {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch {
    // Unreadable (write-only permission): the writer reports what goes wrong, if anything does.
    return null;
  }
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { bytes: Buffer.alloc(0), size: 0, kind: kindOf(stats) };
    const bytes = Buffer.alloc(Math.min(headBytes, stats.size));
    const read = bytes.length ? readSync(descriptor, bytes, 0, bytes.length, 0) : 0;
    return { bytes: bytes.subarray(0, read), size: stats.size, kind: null };
  } finally {
    closeSync(descriptor);
  }
}

function isSessionLine(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && sessionKey in value;
  } catch {
    return false;
  }
}

/**
 * Why `--record PATH` must not be written to, as the end of a sentence that starts with the path, or
 * undefined when it can be: a missing file in an existing directory, or a recording (plain, or gzip
 * for a name ending in .gz) to append to. A recording is appended to, so anything else that exists
 * would be corrupted (`--record notes.txt`), and a FIFO or a device swallows it (a FIFO nobody reads
 * blocks, or takes nothing): regular files only, as for the token file.
 */
export function recordingTargetProblem(path: string): string | undefined {
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    return isDirectory(dirname(path))
      ? undefined
      : `is in a directory that does not exist (${dirname(path)})`;
  }
  if (link && !exists(path)) {
    const target = resolve(dirname(path), readlinkSync(path));
    return isDirectory(dirname(target))
      ? undefined
      : `is a symbolic link to ${target}, whose directory does not exist`;
  }
  const found = head(path);
  if (found === null) return undefined;
  if (found.kind !== null) return `is not a regular file (${found.kind})`;
  if (found.size === 0) return undefined;
  if (path.endsWith('.gz')) {
    const gzip = gzipMagic.every((byte, index) => found.bytes[index] === byte);
    return gzip ? undefined : 'is not a gzip recording: refusing to append to it';
  }
  const end = found.bytes.indexOf(0x0a);
  const first = found.bytes.toString('utf8', 0, end === -1 ? found.bytes.length : end);
  return isSessionLine(first)
    ? undefined
    : 'is not a recording (its first line is not a session line): refusing to append to it';
}
