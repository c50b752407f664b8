/**
 * Why a kill did not happen (or did, but could not be recorded), for the screen: a leaf, so the screen
 * can name it without importing the cloud layer. `message` is already safe to show.
 */
export class KillError extends Error {
  constructor(
    /** KILL_NOT_ALLOWED, NO_NODE, KILL_LOG, or the API's error code. */
    readonly code: string,
    message: string,
    /** The HTTP status of a refused request, or null. */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'KillError';
  }
}
