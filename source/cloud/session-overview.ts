import { metricList } from '../metrics.js';
import type { SessionOverview } from '../overview.js';
import { serverText } from '../server-text.js';
import { badResponse } from './api-error.js';
import { objectBody } from './json-body.js';

// The type lives in a leaf, so layers that must not import cloud/ (the screen) can name it too.
export type { SessionOverview } from '../overview.js';

/** More sessions than this on one node is not a count but a broken answer. */
const maxCount = 999_999_999;

/**
 * The API sends counts as strings of decimal digits ("036" is 36). A JSON integer means the same.
 * Anything else is refused: a wrong number on screen is worse than an error.
 */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'string') {
    if (!/^\d+$/.test(value)) return undefined;
    // Decimal digits only, so Number() cannot read hex or exponents; leading zeros change nothing.
    const count = Number(value);
    return count <= maxCount ? count : undefined;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= maxCount) return value;
  return undefined;
}

/**
 * What a value that is not a count is, in a few words. Lists and objects are named, never stringified:
 * a count nested 20,000 deep overflowed JSON.stringify's stack and was reported as a network error.
 */
function describe(value: unknown): string {
  if (value === undefined) return 'is missing';
  if (Array.isArray(value)) return 'is not a count: a list';
  if (value !== null && typeof value === 'object') return 'is not a count: an object';
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return `is not a count: ${serverText(shown, 25)}`;
}

export function parseSessionOverview(text: string, requestId: string | null): SessionOverview {
  const record = objectBody(text, requestId);
  const counts = {} as SessionOverview;
  for (const { key, apiField } of metricList) {
    const count = parseCount(record[apiField]);
    if (count === undefined) throw badResponse(apiField, describe(record[apiField]), requestId);
    counts[key] = count;
  }
  return counts;
}
