import { createHash, createHmac } from 'node:crypto';

// SDK-HMAC-SHA256, the AK/SK request signature of the Huawei Cloud SDKs. Every step below mirrors the
// SDKs byte for byte: the gateway recomputes the same strings and compares signatures.

export const signingAlgorithm = 'SDK-HMAC-SHA256';

export interface SigningKey {
  accessKey: string;
  secretKey: string;
}

export interface RequestToSign {
  method: string;
  url: URL;
  /** Every header to sign, including `Host` and `X-Sdk-Date`; names in any case. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

/** RFC 3986 percent-encoding: only letters, digits and `-_.~` stay as they are (Python's `quote(s, safe='~')`). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Each path segment encoded, and a trailing slash always present. */
export function canonicalUri(pathname: string): string {
  const path = pathname
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Keys sorted, then values; keys and values encoded; `k=v` joined with `&`. */
export function canonicalQuery(searchParams: URLSearchParams): string {
  return [...searchParams]
    .sort(([keyA, valueA], [keyB, valueB]) => byCodePoint(keyA, keyB) || byCodePoint(valueA, valueB))
    .map(([key, value]) => `${uriEncode(key)}=${uriEncode(value)}`)
    .join('&');
}

function lowerCaseHeaders(headers: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value.trim()]));
}

export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  return [...lowerCaseHeaders(headers).keys()].sort(byCodePoint);
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

export function canonicalRequest(request: RequestToSign): string {
  const headers = lowerCaseHeaders(request.headers);
  const names = [...headers.keys()].sort(byCodePoint);
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name)}\n`).join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname),
    canonicalQuery(request.url.searchParams),
    canonicalHeaders,
    names.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${signingAlgorithm}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the `X-Sdk-Date` format. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function headerValue(headers: Readonly<Record<string, string>>, wanted: string): string | undefined {
  return lowerCaseHeaders(headers).get(wanted.toLowerCase());
}

export function signature(secretKey: string, request: RequestToSign): string {
  const sdkDate = headerValue(request.headers, 'x-sdk-date');
  if (sdkDate === undefined) throw new TypeError('X-Sdk-Date must be among the signed headers');
  return createHmac('sha256', secretKey)
    .update(stringToSign(sdkDate, canonicalRequest(request)), 'utf8')
    .digest('hex');
}

/** The `Authorization` header value for a request. */
export function authorization(key: SigningKey, request: RequestToSign): string {
  return `${signingAlgorithm} Access=${key.accessKey}, SignedHeaders=${signedHeaderNames(request.headers).join(';')}, Signature=${signature(key.secretKey, request)}`;
}

export interface ParsedAuthorization {
  accessKey: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads an `Authorization` header back into its parts (the emulator verifies with it). */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const match = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/.exec(
    value,
  );
  if (!match) return undefined;
  const [, accessKey = '', signedHeaders = '', signatureHex = ''] = match;
  return { accessKey, signedHeaders: signedHeaders.split(';'), signature: signatureHex };
}
