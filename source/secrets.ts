// Every secret the program knows (the token, AK, SK, security token, IAM password, tokens IAM issued),
// so that text a server sends back cannot carry one to the screen, a log or an error message. A
// leaf: the cloud boundary and every output mask through here.

/** Shorter values are not masked: masking a 1-character password would mask that letter everywhere. */
const minimumLength = 4;
export const mask = '****';

const known = new Set<string>();
let pattern: RegExp | undefined;

/**
 * The forms a secret takes when a server echoes it: as sent, JSON-escaped (a request body quoted inside
 * an error message) and percent-encoded (a URL quoted back).
 */
function formsOf(value: string): string[] {
  return [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Remembers a secret so that {@link maskSecrets} hides it from now on. */
export function registerSecret(value: string | undefined): void {
  if (!value) return;
  let added = false;
  for (const form of formsOf(value)) {
    if (form.length < minimumLength || known.has(form)) continue;
    known.add(form);
    added = true;
  }
  // Longest first, so a secret that contains another is masked whole.
  if (added) {
    pattern = new RegExp(
      [...known]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
  }
}

// An AK/SK request signature, echoed with the Authorization header or on its own after the algorithm's
// name. It is not a registered value (each request has its own), so it is found by its shape.
const labelledSignature = /(Signature=)[0-9a-fA-F]{64}/g;
const algorithm = 'SDK-HMAC-SHA256';
const bareSignature = /\b[0-9a-fA-F]{64}\b/g;

/** The text with every known secret, and every AK/SK signature, replaced by {@link mask}. */
export function maskSecrets(text: string): string {
  let masked = pattern ? text.replace(pattern, mask) : text;
  masked = masked.replace(labelledSignature, `$1${mask}`);
  const at = masked.indexOf(algorithm);
  if (at !== -1) {
    const after = at + algorithm.length;
    masked = masked.slice(0, after) + masked.slice(after).replace(bareSignature, mask);
  }
  return masked;
}

/** For tests: forget every registered secret. */
export function forgetSecrets(): void {
  known.clear();
  pattern = undefined;
}
