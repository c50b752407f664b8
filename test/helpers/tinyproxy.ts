import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port.js';

/** Where Debian's tinyproxy is, or undefined when it is not installed. */
export function findTinyproxy(): string | undefined {
  const directories = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const directory of directories) {
    const candidate = join(directory, 'tinyproxy');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

async function listening(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited with ${child.exitCode}`);
    const reachable = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (reachable) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The far side of the proxy: tinyproxy hands every request to it as its upstream proxy, and it
 * connects each CONNECT tunnel to one local server whatever host was asked for. So the monitor can be
 * given a name that is not loopback (loopback never goes through a proxy) while every byte stays on
 * 127.0.0.1 and no name is ever resolved. It keeps every byte tinyproxy relayed, both ways.
 */
export interface Relay {
  port: number;
  /** The request line of every CONNECT tinyproxy passed on. */
  connects: string[];
  /** Every byte tinyproxy relayed after the CONNECT, client to server and back. */
  relayed(): Buffer;
  /** The first byte the client sent through each tunnel (0x16 opens a TLS handshake). */
  firstBytes: number[];
  close(): Promise<void>;
}

export async function startRelay(targetPort: number): Promise<Relay> {
  const chunks: Buffer[] = [];
  const connects: string[] = [];
  const firstBytes: number[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      client.off('data', onData);
      const requestLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      connects.push(requestLine);
      if (!requestLine.startsWith('CONNECT ')) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        const rest = head.subarray(end + 4);
        if (rest.length > 0) forward(rest);
        client.on('data', forward);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      let first = true;
      const forward = (data: Buffer) => {
        if (first) firstBytes.push(data[0] ?? -1);
        first = false;
        chunks.push(data);
        upstream.write(data);
      };
      upstream.on('data', (data: Buffer) => {
        chunks.push(data);
        client.write(data);
      });
      upstream.on('end', () => client.end());
      client.on('end', () => upstream.end());
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connects,
    firstBytes,
    relayed: () => Buffer.concat(chunks),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface Tinyproxy {
  url: string;
  /** tinyproxy's own log file, complete once `stop()` has resolved. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Runs the real tinyproxy in the foreground on a free loopback port with its own config and log, and
 * `upstream` (a {@link startRelay}) as where it sends every request.
 */
export async function startTinyproxy(binary: string, upstreamPort: number): Promise<Tinyproxy> {
  const directory = mkdtempSync(join(tmpdir(), 'gaussdb-top-tinyproxy-'));
  const port = await freePort();
  const logPath = join(directory, 'tinyproxy.log');
  const configPath = join(directory, 'tinyproxy.conf');
  writeFileSync(
    configPath,
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 30',
      `LogFile "${logPath}"`,
      'LogLevel Info',
      'MaxClients 8',
      'Allow 127.0.0.1',
      'DisableViaHeader Yes',
      `Upstream http 127.0.0.1:${upstreamPort}`,
      '',
    ].join('\n'),
  );
  const child = spawn(binary, ['-d', '-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    await listening(port, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}: ${stderr}`);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => readFileSync(logPath, 'utf8'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
