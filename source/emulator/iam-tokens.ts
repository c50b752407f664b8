import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorText } from './messages.js';
import { json, languageOf, readBody, sendError } from './replies.js';

export interface EmulatorUser {
  name: string;
  password: string;
  domain: string;
}

export interface TokenIssuerOptions {
  /** The one user whose password login succeeds; without one, every login is refused. */
  user: EmulatorUser | undefined;
  lifetimeMs: number;
  projectId: string;
  now: () => number;
}

/** The emulator's IAM: password logins become tokens, valid until they expire or are revoked. */
export class TokenIssuer {
  private readonly issued = new Map<string, number>();

  constructor(private readonly options: TokenIssuerOptions) {}

  /** `POST /v3/auth/tokens`. */
  async issue(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const language = languageOf(request);
    let user: { name?: string; password?: string; domain?: { name?: string } } | undefined;
    try {
      const body = JSON.parse(await readBody(request));
      user = body?.auth?.identity?.password?.user;
    } catch {
      return sendError(response, 'DBS.200001', language);
    }
    const expected = this.options.user;
    if (
      !expected ||
      user?.name !== expected.name ||
      user.password !== expected.password ||
      user.domain?.name !== expected.domain
    ) {
      response.writeHead(401, { 'Content-Type': json });
      response.end(
        JSON.stringify({
          error: { code: '401', message: errorText('IAM.0001', language), title: 'Unauthorized' },
        }),
      );
      return;
    }
    const token = `MII${randomBytes(24).toString('base64url')}`;
    const { lifetimeMs, projectId, now } = this.options;
    const issuedAt = now();
    this.issued.set(token, issuedAt + lifetimeMs);
    response.writeHead(201, { 'Content-Type': json, 'X-Subject-Token': token });
    response.end(
      JSON.stringify({
        token: {
          expires_at: new Date(issuedAt + lifetimeMs).toISOString(),
          issued_at: new Date(issuedAt).toISOString(),
          methods: ['password'],
          project: { id: projectId },
        },
      }),
    );
  }

  /** Whether this token was issued here and has not expired or been revoked. */
  valid(token: string): boolean {
    const expires = this.issued.get(token);
    return expires !== undefined && expires > this.options.now();
  }

  /** Invalidates every token issued so far, as a password change would. */
  revokeAll(): void {
    this.issued.clear();
  }
}
