import { serverText } from '../server-text.js';

/** Codes for failures that happen on our side of the wire; server failures carry the server's code. */
export type LocalErrorCode =
  | 'TIMEOUT'
  | 'NETWORK'
  | 'TLS'
  | 'BAD_RESPONSE'
  | 'TOO_LARGE'
  | 'REDIRECT'
  | 'HTTP'
  | 'TOO_MANY_INSTANCES';

export interface ApiErrorFields {
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  /** `error_code` from the body (e.g. `APIGW.0301`), else a {@link LocalErrorCode}. */
  code: string;
  /** Human text: the server's `error_msg` (already in the requested language) or our own detail. */
  message: string;
  requestId: string | null;
  /** Whether asking again later can succeed (timeouts, 5xx, 429), as opposed to a wrong request. */
  retryable: boolean;
  /** Milliseconds the server asked us to wait (`Retry-After`), or null. */
  retryAfterMs: number | null;
  /** The field of a bad response, for messages that name it. */
  field?: string | undefined;
}

/** An error message is for one line of a screen or a log, not for a server's whole reply. */
const maxMessageCells = 500;
const maxCodeCells = 64;

/**
 * The one error type the cloud layer throws; every caller can rely on these fields. Its text is where
 * a server's words enter the program, so it is made safe here, once: secrets masked, escape sequences
 * and invisible characters replaced, length bounded.
 */
export class ApiError extends Error implements ApiErrorFields {
  readonly status: number | null;
  readonly code: string;
  readonly requestId: string | null;
  readonly retryable: boolean;
  readonly retryAfterMs: number | null;
  readonly field: string | undefined;

  constructor(fields: ApiErrorFields) {
    super(serverText(fields.message, maxMessageCells));
    this.name = 'ApiError';
    this.status = fields.status;
    this.code = serverText(fields.code, maxCodeCells);
    this.requestId = fields.requestId === null ? null : serverText(fields.requestId, maxCodeCells);
    this.retryable = fields.retryable;
    this.retryAfterMs = fields.retryAfterMs;
    this.field = fields.field;
  }
}

/** The message names the field; "bad response" is the code's label, added where the error is shown. */
export function badResponse(field: string, detail: string, requestId: string | null, status = 200): ApiError {
  return new ApiError({
    status,
    code: 'BAD_RESPONSE',
    message: `${field} ${detail}`,
    requestId,
    retryable: true,
    retryAfterMs: null,
    field,
  });
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** Anything thrown while talking to the API, as an ApiError (unknown failures count as network errors). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({
    status: null,
    code: 'NETWORK',
    message: error instanceof Error ? error.message : String(error),
    requestId: null,
    retryable: true,
    retryAfterMs: null,
  });
}
