/** A mistake in flags, config or environment: shown as one line, exit code 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}
