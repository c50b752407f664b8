import { ApiError } from '../../source/cloud/api-error.js';

/** The gateway's answer to credentials it will not take, as the client reports it: 401, final. */
export function refusedError(): ApiError {
  return new ApiError({
    status: 401,
    code: 'CREDENTIALS_REFUSED',
    message: 'APIGW.0301 refused',
    requestId: null,
    retryable: false,
    retryAfterMs: null,
  });
}
