import { isInstanceId } from '../config/identifiers.js';
import { serverText } from '../server-text.js';
import { ApiError, badResponse } from './api-error.js';
import { type Reply, requestIdOf } from './transport.js';

export interface InstanceSummary {
  id: string;
  name: string;
  status: string;
}

/**
 * The most instances one listing may return before it is refused. A project with more is rare; a
 * server sending pages without end is not, and would fill the memory (1.7 GB in 20 s, measured).
 */
export const defaultMaxInstances = 10_000;
/** The largest bound a user may set: what pages of 100 reach within the client's page limit. */
export const maxInstancesLimit = 100_000;

/** A name wider than this is cut: it is for a grid cell, not a document. */
const maxNameCells = 128;
const maxStatusCells = 32;

export function tooManyInstances(bound: number, requestId: string | null): ApiError {
  return new ApiError({
    status: 200,
    code: 'TOO_MANY_INSTANCES',
    message: `more than ${bound} instances listed; raise --max-instances (max_instances in the config) to monitor more`,
    requestId,
    retryable: false,
    retryAfterMs: null,
  });
}

function entryOf(item: unknown, index: number, requestId: string | null): InstanceSummary {
  const entry = (item && typeof item === 'object' ? item : {}) as {
    id?: unknown;
    name?: unknown;
    status?: unknown;
  };
  // The same rule as a configured id: an id goes into URLs, the screen and the JSON, so it is checked
  // before it is used anywhere (and a broken one fails the listing rather than being guessed at).
  if (typeof entry.id !== 'string' || !isInstanceId(entry.id)) {
    throw badResponse(`instances[${index}].id`, 'is not 36 letters or digits', requestId);
  }
  const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : entry.id;
  return {
    id: entry.id,
    name: serverText(name, maxNameCells),
    status: typeof entry.status === 'string' ? serverText(entry.status, maxStatusCells) : '',
  };
}

/**
 * One page of `GET /v3/{project}/instances`, checked. A page with more entries than the `limit` asked
 * for is a bad response: it would defeat the bound on the listing (one page of 130,000 entries was seen).
 */
export function parseInstancePage(
  reply: Reply,
  limit: number,
): { instances: InstanceSummary[]; total: number } {
  const requestId = requestIdOf(reply.headers);
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    throw badResponse('body', 'is not JSON', requestId);
  }
  const page = body as { instances?: unknown; total_count?: unknown } | null;
  if (!page || !Array.isArray(page.instances)) throw badResponse('instances', 'is not a list', requestId);
  const entries: unknown[] = page.instances;
  if (entries.length > limit) {
    throw badResponse(
      'instances',
      `has ${entries.length} entries, more than the limit of ${limit}`,
      requestId,
    );
  }
  const instances = entries.map((item, index) => entryOf(item, index, requestId));
  const total =
    typeof page.total_count === 'number' && Number.isFinite(page.total_count)
      ? page.total_count
      : Number.POSITIVE_INFINITY;
  return { instances, total };
}
