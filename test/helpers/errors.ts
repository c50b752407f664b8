import { ApiError } from '../../source/cloud/api-error.js';

/** The gateway's answer to credentials it will not take: 401, not worth retrying. */
export function refusedError(): ApiError {
  return new ApiError({
    status: 401,
    code: 'APIGW.0301',
    message: 'refused',
    requestId: null,
    retryable: false,
    retryAfterMs: null,
  });
}
