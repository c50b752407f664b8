/**
 * What a failed write to stdout means, for every printing mode. EPIPE is the reader going away
 * (`| head -1`): the run ends quietly, as the reader chose. Anything else (ENOSPC on a full disk, EIO)
 * lost output the user asked for: one line naming stdout and the error code, and a non-zero exit.
 */
export type StdoutEnd = { kind: 'readerLeft' } | { kind: 'failed'; line: string };

export function stdoutEnd(error: unknown): StdoutEnd {
  const raw = (error as NodeJS.ErrnoException | undefined)?.code;
  if (raw === 'EPIPE') return { kind: 'readerLeft' };
  // Only a plain errno code is quoted: the line stays one short, printable line.
  const code = typeof raw === 'string' && /^E[A-Z0-9]{1,15}$/.test(raw) ? raw : 'EIO';
  return { kind: 'failed', line: `gaussdb-top: cannot write to stdout (${code})\n` };
}

/** The exit status of a run whose stdout failed (the reader leaving keeps the run's own status). */
export const stdoutFailedStatus = 1;

/**
 * Calls `end` with the exit status when a write to `stdout` fails, after saying why on `stderr`
 * unless the reader left; `readerLeftStatus` is the status then. Returns the function that stops
 * listening. Without a listener, Node turns the failed write into an uncaught error and a stack trace.
 */
export function onStdoutError(
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
  end: (status: number) => void,
  readerLeftStatus: () => number = () => 0,
): () => void {
  let ended = false;
  const listener = (error: unknown) => {
    if (ended) return;
    ended = true;
    const what = stdoutEnd(error);
    if (what.kind === 'readerLeft') return end(readerLeftStatus());
    stderr.write(what.line);
    end(stdoutFailedStatus);
  };
  stdout.on('error', listener);
  return () => stdout.off('error', listener);
}
