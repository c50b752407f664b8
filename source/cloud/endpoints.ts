// Which host serves GaussDB in each region; from Huawei Cloud's endpoint tables.
const openGaussHostRegions = [
  'cn-north-4',
  'cn-southwest-2',
  'cn-south-1',
  'ru-northwest-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'cn-north-2',
  'cn-east-3',
  'sa-brazil-1',
  'la-south-2',
  'la-north-2',
  'af-south-1',
  'cn-north-9',
  'cn-south-2',
  'cn-south-4',
] as const;

const gaussHostRegions = [
  'cn-east-4',
  'cn-east-5',
  'ap-southeast-5',
  'tr-west-1',
  'me-east-1',
  'af-north-1',
  'cn-east-2',
  'cn-north-12',
] as const;

/**
 * A region id of the documented shape (`cn-north-4`, `ap-southeast-1`, `cn-north-12`): it becomes
 * part of a host name, so `evil.example/` must never get as far as `https://iam.evil.example/...`.
 */
export function isRegionId(value: string): boolean {
  return value.length <= 32 && /^[a-z]+-[a-z]+-[0-9]+$/.test(value);
}

/** The GaussDB API endpoint of a region, or undefined for a region we have no table entry for. */
export function gaussdbEndpoint(region: string): string | undefined {
  if ((openGaussHostRegions as readonly string[]).includes(region)) {
    return `https://gaussdb-opengauss.${region}.myhuaweicloud.com`;
  }
  if ((gaussHostRegions as readonly string[]).includes(region)) {
    return `https://gaussdb.${region}.myhuaweicloud.com`;
  }
  return undefined;
}

export function iamEndpoint(region: string): string {
  return `https://iam.${region}.myhuaweicloud.com`;
}

const loopbackHosts = new Set(['localhost', '[::1]', '::1']);

/** A URL's hostname on this machine's loopback: 127.0.0.0/8, localhost, ::1 (or 127/8 mapped to IPv6). */
export function isLoopbackHost(hostname: string): boolean {
  return (
    loopbackHosts.has(hostname) ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname) ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(hostname)
  );
}

/**
 * Why an endpoint must not receive credentials, or undefined when it may.
 * Plain http is allowed only to loopback, where the emulator listens.
 */
export function endpointProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.username || parsed.password) return 'must not contain credentials';
  if (parsed.search || parsed.hash) return 'must not have a query or fragment';
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:') {
    return isLoopbackHost(parsed.hostname) ? undefined : 'uses plain http to a non-loopback host; use https';
  }
  return `has unsupported scheme ${parsed.protocol.replace(':', '')}`;
}

/**
 * An endpoint as a message may show it: everything up to the last `@` becomes `…` (a password may
 * hold `/`, `?` or `#`, and a URL it makes invalid would be shown raw), and so does a query or
 * fragment (`?access_token=...`). An `@` in a path costs the message the host, never a secret.
 */
export function shownEndpoint(raw: string): string {
  return raw
    .replace(/^([a-z][a-z0-9+.-]*:(?=[\\/])[\\/]*)?.*@/is, (_match, scheme) => `${scheme ?? ''}…@`)
    .replace(/([?#]).*$/s, '$1…');
}

/** The endpoint without a trailing slash, so paths can be appended. */
export function normaliseEndpoint(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}
