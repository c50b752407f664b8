/**
 * Polls `problem` until it finds nothing wrong (returns undefined); fails with its last answer. For
 * conditions outside the test's control (another process, a terminal), never a fixed sleep.
 */
export async function eventually(problem: () => string | undefined, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = problem();
  while (last !== undefined) {
    if (Date.now() > deadline) throw new Error(`timed out: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = problem();
  }
}

/**
 * Waits until `count()` has not moved for `quietMs` (proof that nothing is being sent, when something
 * unpaused would send more often than that); fails if it never settles within `timeoutMs`. Returns the
 * settled count.
 */
export async function settled(count: () => number, quietMs: number, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let value = count();
  let since = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = count();
    if (now !== value) {
      value = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return value;
    }
    if (Date.now() > deadline) throw new Error(`still changing after ${timeoutMs} ms (at ${value})`);
  }
}
