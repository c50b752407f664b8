import { quote } from './identifiers.js';
import { UsageError } from './usage-error.js';

// A size as people type it: `1G`, `500M`, `64k`, `1 GB`, `2048` (bytes). Units are powers of 1024,
// as `ls -h`, `du -h` and logrotate's `size` read them.

const units: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
const pattern = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i;

/** The smallest size accepted: a recording needs room for its first line and some events. */
export const smallestSize = 1024;

/** Bytes in `text`, or undefined when it is not a size. */
export function sizeInBytes(text: string): number | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  const bytes = Math.floor(Number(match[1]) * (units[(match[2] as string).toLowerCase()] as number));
  return Number.isFinite(bytes) ? bytes : undefined;
}

export function isSize(text: string): boolean {
  const bytes = sizeInBytes(text);
  return bytes !== undefined && bytes >= smallestSize;
}

/** A size flag's bytes, or a UsageError naming the flag and the value. */
export function parseSize(name: string, text: string): number {
  const bytes = sizeInBytes(text);
  if (bytes === undefined || bytes < smallestSize)
    throw new UsageError(`${name} must be a size of at least 1k (like 64k, 500M, 1G), got ${quote(text)}`);
  return bytes;
}
