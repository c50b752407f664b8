import { ApiError, type ApiErrorFields } from '../../source/cloud/api-error.js';

/**
 * An ApiError as the cloud client would throw it. Defaults describe a final server error (500, not
 * retryable, no Retry-After); a test names only the fields its case is about.
 */
export function apiError(fields: Partial<ApiErrorFields> = {}): ApiError {
  return new ApiError({
    status: 500,
    code: 'X',
    message: 'boom',
    requestId: null,
    retryable: false,
    retryAfterMs: null,
    ...fields,
  });
}

/** The gateway's answer to credentials it will not take, as the client reports it: 401, final. */
export function refusedError(): ApiError {
  return apiError({ status: 401, code: 'CREDENTIALS_REFUSED', message: 'APIGW.0301 refused' });
}
