// One build of release/ at a time: test files run in parallel processes and each may ask for the
// files. The lock is a directory (mkdir is atomic) holding the owner's pid; a lock whose owner has
// died is taken over.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function ownerAlive(lock) {
  try {
    process.kill(Number(readFileSync(join(lock, 'pid'), 'utf8')), 0);
    return true;
  } catch (error) {
    // EPERM: alive, someone else's. No pid yet: being taken right now, unless that was long ago.
    if (error.code === 'EPERM') return true;
    if (error.code !== 'ENOENT') return false;
    try {
      return Date.now() - statSync(lock).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
}

/** Runs `work` holding the lock directory `lock`; waits up to `waitMs` for another holder. */
export async function withLock(lock, work, waitMs = 20 * 60_000) {
  const deadline = Date.now() + waitMs;
  let said = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (!ownerAlive(lock)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${lock}: still held after ${waitMs / 1000} s`);
    if (!said) process.stderr.write(`waiting for another build of release/ (${lock})\n`);
    said = true;
    await sleep(500);
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
