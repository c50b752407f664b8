import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer = (request: SeenRequest, response: ServerResponse) => void;

export interface HostileServer {
  url: string;
  /** Every request received, in order: the promises about requests are counted here. */
  requests: SeenRequest[];
  count(pathPattern: RegExp): number;
  close(): Promise<void>;
}

/** A loopback API fake that answers whatever the test says, however broken or hostile. */
export async function startHostileServer(answer: Answer): Promise<HostileServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const seen: SeenRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      answer(seen, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (pattern) => requests.filter((request) => pattern.test(request.path)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(text);
}

/** A header value carrying these characters as UTF-8 bytes (Node writes header strings as Latin-1). */
export function utf8Header(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

export const projectId = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';

/** A well-formed instance id (36 letters or digits), distinct for each n. */
export function instanceId(n: number): string {
  return `${String(n).padStart(32, '0')}in14`;
}
