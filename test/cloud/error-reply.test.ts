import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorFromReply, parseRetryAfter, readServiceError } from '../../source/cloud/error-reply.js';

const now = Date.UTC(2026, 10, 28, 12, 0, 0);

test('Retry-After as seconds or as an HTTP date', () => {
  assert.equal(parseRetryAfter('3', now), 3000);
  assert.equal(parseRetryAfter(new Date(now + 7000).toUTCString(), now), 7000);
  assert.equal(parseRetryAfter(new Date(now - 7000).toUTCString(), now), 0);
  assert.equal(parseRetryAfter(undefined, now), null);
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(parseRetryAfter('86400', now), 300_000, 'capped at five minutes');
  assert.equal(parseRetryAfter('Thu, 01 Jan 2099 00:00:00 GMT', now), 300_000);
});

test('both service error shapes', () => {
  assert.deepEqual(readServiceError('{"error_code":"DBS.200001","error_msg":"Parameter error."}'), {
    code: 'DBS.200001',
    message: 'Parameter error.',
  });
  assert.deepEqual(readServiceError('{"error":{"code":"APIGW.0308","message":"throttled"}}'), {
    code: 'APIGW.0308',
    message: 'throttled',
  });
  assert.equal(readServiceError('<html></html>'), undefined);
  assert.equal(readServiceError('[]'), undefined);
});

test('an error reply keeps status, code, message, request id, retryability and Retry-After', () => {
  const error = errorFromReply(
    {
      status: 429,
      headers: { 'x-request-id': 'abc', 'retry-after': '2' },
      text: '{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached."}',
    },
    now,
  );
  assert.equal(error.status, 429);
  assert.equal(error.code, 'APIGW.0308');
  assert.equal(error.message, 'The throttling threshold has been reached.');
  assert.equal(error.requestId, 'abc');
  assert.equal(error.retryable, true);
  assert.equal(error.retryAfterMs, 2000);
});

test('HTML and empty error pages become a short readable message', () => {
  const html = errorFromReply(
    { status: 502, headers: {}, text: '<html><title>502 Bad Gateway</title><body>x</body></html>' },
    now,
  );
  assert.equal(html.code, 'HTTP');
  assert.equal(html.message, '502 Bad Gateway');
  assert.equal(html.retryable, true);
  const empty = errorFromReply({ status: 503, headers: {}, text: '' }, now);
  assert.equal(empty.message, 'HTTP 503');
  const notFound = errorFromReply(
    { status: 404, headers: {}, text: '{"error_code":"DBS.200002","error_msg":"gone"}' },
    now,
  );
  assert.equal(notFound.retryable, false);
  const redirect = errorFromReply(
    { status: 302, headers: { location: 'https://elsewhere.example' }, text: '' },
    now,
  );
  assert.equal(redirect.code, 'REDIRECT');
  assert.equal(redirect.retryable, false);
});
