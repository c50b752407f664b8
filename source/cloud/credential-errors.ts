import { ApiError } from './api-error.js';
import type { Admission } from './credential-gate.js';

/**
 * Not sent: these credentials were refused and are resting. The poller parks the instance instead of
 * counting a failure; `--once` reports it.
 */
export class CredentialsResting extends ApiError {
  constructor(
    readonly until: number,
    now: number,
    where: string,
    message: string,
  ) {
    super({
      status: null,
      code: 'CREDENTIALS_REFUSED',
      message: `not sent: refused by ${where}${message ? ` (${message})` : ''}`,
      requestId: null,
      retryable: true,
      retryAfterMs: Math.max(0, until - now),
    });
    this.name = 'CredentialsResting';
  }
}

export function restingError(
  admission: Extract<Admission, { reason: 'resting' }>,
  now: number,
): CredentialsResting {
  return new CredentialsResting(admission.until, now, admission.where, admission.message);
}

/** The server's 401, in words that say what it means; its own code and text follow. */
export function refusalError(error: ApiError, code = 'CREDENTIALS_REFUSED'): ApiError {
  const ownCode = error.code === 'HTTP' ? '' : `${error.code} `;
  return new ApiError({
    ...error,
    code,
    message: `${ownCode}${error.message}`.trim(),
    retryable: false,
  });
}

/** A 401 (or a refused IAM login) that re-authentication could not fix. */
export function isCredentialRefusal(error: ApiError): boolean {
  return error.code === 'CREDENTIALS_REFUSED' || error.code === 'LOGIN_REFUSED';
}
