import type { RecordingProblem, RecordingState } from '../feed/recording-switch.js';

const problems: Record<string, RecordingProblem> = {
  ENOSPC: 'diskFull',
  EDQUOT: 'diskFull',
  EACCES: 'permission',
  EPERM: 'permission',
  ENOENT: 'missing',
  ENOTDIR: 'missing',
  EROFS: 'readOnly',
  EFBIG: 'tooLarge',
  ENOTREG: 'notFile',
};

/** A failed file operation as the screen shows it: what kind of problem, and the system's code. */
export function writeFailure(error: unknown): Extract<RecordingState, { state: 'failed' }> {
  const raw = (error as NodeJS.ErrnoException | undefined)?.code;
  const code = typeof raw === 'string' && /^E[A-Z0-9]{1,15}$/.test(raw) ? raw : 'EIO';
  return { state: 'failed', problem: problems[code] ?? 'other', code };
}
