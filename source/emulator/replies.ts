// How the emulator reads requests and answers errors, shared by its API, IAM and control handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLanguage, type Language } from '../language.js';
import { type EmulatorErrorCode, emulatorErrors, errorText } from './messages.js';

export const json = 'application/json;charset=UTF-8';

export function readBody(request: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) request.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The language a request asks for (`X-Language`), English when it asks for none we speak. */
export function languageOf(request: IncomingMessage): Language {
  const header = String(request.headers['x-language'] ?? '').toLowerCase();
  return isLanguage(header) ? header : 'en-us';
}

/** An error in the API's own shape: its code's status, and its text in the asked language. */
export function sendError(
  response: ServerResponse,
  code: EmulatorErrorCode,
  language: Language,
  extra?: Record<string, string>,
): void {
  response.writeHead(emulatorErrors[code].status, { 'Content-Type': json, ...extra });
  response.end(JSON.stringify({ error_code: code, error_msg: errorText(code, language) }));
}
