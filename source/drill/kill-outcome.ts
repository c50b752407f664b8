import type { KillResult } from './types.js';

/**
 * What a kill answer says about one session, read the same way by the screen and the audit log: the
 * API lists the sessions it killed; a success that lists none is taken as covering all that were asked.
 */
export function killOutcome(result: KillResult, sessionId: string): 'killed' | 'not killed' {
  if (result.session_ids.includes(sessionId)) return 'killed';
  return result.success && result.session_ids.length === 0 ? 'killed' : 'not killed';
}
