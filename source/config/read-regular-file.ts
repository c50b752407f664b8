import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { UsageError } from './usage-error.js';

/** Why a token or config file cannot be used; `code` is the errno code, or ENOTREG or EFBIG. */
export class UnreadableFileError extends UsageError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** What a path that is not a regular file is, for messages: "a FIFO". */
export function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/**
 * The UTF-8 text of a regular file of at most `maxBytes`; `what` names it in errors ("token file").
 * A FIFO would hang the start (opening one waits for a writer, so it is opened non-blocking) and
 * /dev/zero would be read for ever: only regular files are read, and only up to the bound.
 */
export function readRegularFile(path: string, what: string, maxBytes: number): string {
  let descriptor: number;
  try {
    descriptor = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UnreadableFileError(`cannot read ${what} ${path} (${code})`, code);
  }
  try {
    // Checked on the open file, not the path: what is read is what was checked.
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) {
      throw new UnreadableFileError(`${what} ${path} is not a regular file (${kindOf(stats)})`, 'ENOTREG');
    }
    const tooLarge = () =>
      new UnreadableFileError(`${what} ${path} is larger than ${sizeLabel(maxBytes)}`, 'EFBIG');
    if (stats.size > maxBytes) throw tooLarge();
    // One byte more than allowed, to notice a file that grew after the check.
    const buffer = Buffer.alloc(maxBytes + 1);
    let size = 0;
    while (size < buffer.length) {
      const read = readSync(descriptor, buffer, size, buffer.length - size, null);
      if (read === 0) break;
      size += read;
    }
    if (size > maxBytes) throw tooLarge();
    return buffer.toString('utf8', 0, size);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UnreadableFileError(`cannot read ${what} ${path} (${code})`, code);
  } finally {
    closeSync(descriptor);
  }
}
