import { constants } from 'node:fs';
import { open, rename, stat } from 'node:fs/promises';

// The few file operations a recording makes, behind an interface so tests can make any of them fail
// (a full disk, a revoked permission) without a special filesystem.

export interface AppendHandle {
  write(data: Uint8Array): Promise<void>;
  /** The open file's size and identity. */
  stat(): Promise<FileIdentity & { size: number }>;
  /** The file's last byte, or null when it is empty. */
  lastByte(): Promise<number | null>;
  close(): Promise<void>;
}

export interface FileIdentity {
  dev: number;
  ino: number;
}

export interface RecordingFileSystem {
  /** Opens for appending, creating the file (mode 0600: a recording names the fleet) when missing. */
  openAppend(path: string): Promise<AppendHandle>;
  /** The identity of the file at `path` now, or null when there is none. */
  identity(path: string): Promise<FileIdentity | null>;
  rename(from: string, to: string): Promise<void>;
}

export const nodeFileSystem: RecordingFileSystem = {
  async openAppend(path) {
    // Non-blocking, so a FIFO swapped in for the file cannot hang the open; then regular files only:
    // a FIFO nobody reads or a device would take the lines and keep nothing.
    const flags = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (constants.O_NONBLOCK ?? 0);
    const handle = await open(path, flags, 0o600);
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw Object.assign(new Error(`${path} is not a regular file`), { code: 'ENOTREG' });
    }
    return {
      async write(data) {
        let done = 0;
        while (done < data.length) done += (await handle.write(data, done)).bytesWritten;
      },
      stat: () => handle.stat(),
      async lastByte() {
        const { size } = await handle.stat();
        if (size === 0) return null;
        const buffer = Buffer.alloc(1);
        await handle.read(buffer, 0, 1, size - 1);
        return buffer[0] ?? null;
      },
      close: () => handle.close(),
    };
  },
  async identity(path) {
    try {
      const found = await stat(path);
      return { dev: found.dev, ino: found.ino };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
  rename,
};
