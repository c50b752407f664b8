import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDrillApi } from './drill-routes.js';
import { isFault } from './faults.js';
import { json, readBody, sendError } from './replies.js';
import type { Emulator } from './server.js';

/**
 * `/__emulator/...`: what a test in another process (the real binary under tmux) uses to steer the
 * emulator: read its counts, set faults and pinned counts, revoke tokens.
 */
export async function handleControl(
  emulator: Emulator,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  const reply = (value: unknown) => {
    response.writeHead(200, { 'Content-Type': json });
    response.end(JSON.stringify(value ?? null));
  };
  if (path === '/__emulator/stats') return reply(emulator.stats());
  if (request.method !== 'POST') return sendError(response, 'DBS.200001', 'en-us');
  const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
  if (path === '/__emulator/fault') {
    const api = isDrillApi(body.api) ? body.api : undefined;
    emulator.setFault(String(body.instance ?? '*'), isFault(body.fault) ? body.fault : undefined, api);
    return reply({ ok: true });
  }
  if (path === '/__emulator/pin') {
    emulator.pin(String(body.instance), body.counts as Record<string, number> | undefined);
    return reply({ ok: true });
  }
  if (path === '/__emulator/revoke') {
    emulator.revokeTokens();
    return reply({ ok: true });
  }
  if (path === '/__emulator/reset-stats') {
    emulator.resetStats();
    return reply({ ok: true });
  }
  return sendError(response, 'DBS.200001', 'en-us');
}
