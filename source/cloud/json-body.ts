import { badResponse } from './api-error.js';

/** An answer's body as a JSON object, or the one bad-response error every parser of this API gives. */
export function objectBody(text: string, requestId: string | null): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badResponse('body', 'is not JSON', requestId);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badResponse('body', 'is not a JSON object', requestId);
  }
  return body as Record<string, unknown>;
}
