import { toApiError } from '../cloud/api-error.js';
import type { DrillCalls } from '../cloud/drill-client.js';
import { KillError } from '../drill/kill-error.js';
import { killOutcome } from '../drill/kill-outcome.js';
import type { ExecNode, KillResult } from '../drill/types.js';
import type { RequestShare } from './budget-share.js';
import type { KillAttempt, KillAudit } from './kill-log.js';

export interface KillContext {
  instanceId: string;
  /** The node the page shows; the kill goes there. */
  node: ExecNode | undefined;
  /** The user opted in (and there is an audit log to record it). */
  allowed: boolean;
  audit: KillAudit | undefined;
  calls: DrillCalls;
  share: RequestShare;
  /** The session's SQL as the list showed it, for the log. */
  sqlOf(sessionId: string): string | null;
  /** Called once the API answered the kill. */
  sent(): void;
}

const refusedKill =
  'kill is not allowed: start gaussdb-top with --allow-kill (or set allow_kill = true on the target)';

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * Kills sessions on the page's node, only when allowed; every attempt (refused, sent and answered,
 * failed) is recorded, one line per session. Nothing is sent unless the log can be written first.
 */
export async function killSessions(context: KillContext, sessionIds: readonly string[]): Promise<KillResult> {
  const { audit, calls, instanceId, node } = context;
  const attempts = (result: (id: string) => string): KillAttempt[] =>
    sessionIds.map((sessionId) => ({
      instanceId,
      nodeId: node?.node_id ?? null,
      sessionId,
      sql: context.sqlOf(sessionId),
      result: result(sessionId),
    }));
  const refuse = async (code: string, message: string): Promise<never> => {
    await audit?.append(attempts(() => `refused: ${message}`)).catch(() => undefined);
    throw new KillError(code, message);
  };
  if (!context.allowed || !audit) return refuse('KILL_NOT_ALLOWED', refusedKill);
  if (!node) return refuse('NO_NODE', 'no node is known yet to send the kill to');
  if (sessionIds.length === 0) return refuse('NO_SESSION', 'no session to kill');
  // The attempt is on record before it leaves: a quit or a crash while it is in flight cannot lose it.
  try {
    await audit.append(attempts(() => 'sending'));
  } catch (error) {
    throw new KillError('KILL_LOG', `not sent: the kill log cannot be written (${describe(error)})`);
  }
  // Counted against the budget; the user's explicit kill does not wait for a token.
  context.share.tryTake();
  let result: KillResult;
  try {
    // Not the page's signal: closing the page must not turn a kill the server may already have done
    // into "error" in the log. The client's own timeout still ends it.
    result = await calls.kill(instanceId, node, sessionIds, new AbortController().signal);
  } catch (error) {
    const failure = toApiError(error);
    await audit.append(attempts(() => `error: ${failure.code} ${failure.message}`)).catch(() => undefined);
    throw new KillError(failure.code, failure.message, failure.status);
  }
  context.sent();
  try {
    await audit.append(attempts((id) => killOutcome(result, id)));
  } catch (error) {
    const said = result.success ? 'success' : 'not killed';
    throw new KillError(
      'KILL_LOG',
      `sent (${said}), but the kill log could not be written (${describe(error)})`,
    );
  }
  return result;
}
