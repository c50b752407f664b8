// One `serve` polling a large emulated fleet: RSS, CPU per 1,000 requests, /metrics render time and
// size, then N screens attached over SSE (the server's extra CPU, bytes per second per client).
// `--quick`: 500 instances and 10 clients, for the smoke test. `--clients 0` skips the screens;
// `--scrapes N` scrapes /metrics N times (median and slowest, plain and gzip); `--cpu-prof DIR` writes
// a V8 CPU profile of the serve process there (where a slow scrape's time goes).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import {
  arg,
  binPath,
  cpuMs,
  median,
  node,
  nodeFlags,
  quick,
  rssMiB,
  startEmulatorProcess,
  targetFlags,
} from './lib.js';

const instances = arg('instances', quick ? 500 : 10_000);
const clients = arg('clients', quick ? 10 : 100);
const windowMs = arg('window', quick ? 4 : 20) * 1000;
const scrapes = arg('scrapes', quick ? 3 : 9);
const profileIndex = process.argv.indexOf('--cpu-prof');
const profileFlags =
  profileIndex === -1 ? [] : ['--cpu-prof', '--cpu-prof-dir', process.argv[profileIndex + 1] ?? '.'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const outward = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;
const emulator = await startEmulatorProcess(['--instances', String(instances)]);
// `--node-flags "..."`: V8 flags of your choice for serve instead of the shebang's, to compare
// settings; the emulator keeps the shebang's.
const flagsAt = process.argv.indexOf('--node-flags');
if (flagsAt !== -1) nodeFlags.splice(0, nodeFlags.length, ...(process.argv[flagsAt + 1] ?? '').split(' '));
const serve = spawn(
  node,
  [
    ...nodeFlags,
    ...profileFlags,
    binPath,
    'serve',
    ...targetFlags(emulator),
    '--interval',
    '5',
    '--rate',
    '2000',
    '--concurrency',
    '64',
    '--max-instances',
    String(instances),
    // Listening beyond loopback too, so that scrapes to this host's outward address are served as
    // to another host (gzip when asked); the bench's only client is itself.
    ...(outward ? ['--listen', '0.0.0.0:0', '--web-insecure'] : ['--listen', '127.0.0.1:0']),
  ],
  // Chosen flags are run as they are: the bin does not add the shebang's to them.
  {
    env: { ...process.env, GAUSSDB_TOKEN: emulator.token, GAUSSDB_TOP_RELAUNCHED: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
const url = await new Promise<string>((resolve, reject) => {
  let text = '';
  serve.stderr?.on('data', (chunk: Buffer) => {
    text += chunk;
    const match = /on (http:\/\/\S+)/.exec(text);
    if (match) resolve(match[1] as string);
  });
  serve.once('exit', (code) => reject(new Error(`serve exited ${code}: ${text}`)));
});
const pid = serve.pid as number;
const metrics = async (gzip = false) => {
  const started = performance.now();
  const headers = gzip ? { 'accept-encoding': 'gzip' } : {};
  // gzip is for scrapers on other hosts: asked of the outward address (still this host's loopback
  // path underneath, so the figure is the cost of compressing, not the saving on a slower link).
  const base = gzip && outward ? url.replace(/\/\/[^/]+:/, `//${outward}:`) : url;
  const answer = await request(`${base}/metrics`, { headers });
  // Headers come once the whole body is rendered (and compressed): the wait behind the loop plus the
  // render; the rest is the transfer.
  const headersMs = performance.now() - started;
  const packed = answer.headers['content-encoding'] === 'gzip';
  const body = Buffer.from(await answer.body.arrayBuffer());
  const ms = performance.now() - started;
  // What Prometheus does next with a gzipped body, so its figure is the whole cost to the scraper.
  const text = packed ? gunzipSync(body).toString() : body.toString();
  return { text, bytes: body.length, ms, headersMs, unpackedMs: performance.now() - started };
};
const requestsSent = (text: string) =>
  [...text.matchAll(/^gaussdb_api_requests_total\{outcome="[a-z]+"\} (\d+)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
for (;;) {
  const { text } = await metrics();
  if ((text.match(/^gaussdb_instance_up\{/gm) ?? []).length >= instances) break;
  await sleep(500);
}

async function window(): Promise<{ cpu: number; requests: number }> {
  const cpu0 = cpuMs(pid);
  const sent0 = requestsSent((await metrics()).text);
  await sleep(windowMs);
  const sent1 = requestsSent((await metrics()).text);
  return { cpu: cpuMs(pid) - cpu0, requests: sent1 - sent0 };
}

const alone = await window();
const rssAlone = rssMiB(pid);
const renders: number[] = [];
const firstBytes: number[] = [];
const gzipped: number[] = [];
const unpacked: number[] = [];
let size = 0;
let gzipSize = 0;
// Spaced so each scrape meets the poller at a different point of its work, as Prometheus' would.
for (let index = 0; index < scrapes; index++) {
  const plain = await metrics();
  renders.push(plain.ms);
  firstBytes.push(plain.headersMs);
  size = plain.bytes;
  await sleep(300);
  const packed = await metrics(true);
  gzipped.push(packed.ms);
  unpacked.push(packed.unpackedMs);
  gzipSize = packed.bytes;
  await sleep(300);
}
const loadAfterScrapes = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
let bytes = 0;
let attached = alone;
let rss = rssAlone;
if (clients > 0) {
  const streams = await Promise.all(Array.from({ length: clients }, () => request(`${url}/api/v1/stream`)));
  for (const stream of streams) stream.body.on('data', (chunk: Buffer) => (bytes += chunk.length));
  await sleep(2000);
  const bytesBefore = bytes;
  attached = await window();
  bytes -= bytesBefore;
  for (const stream of streams) stream.body.destroy();
  rss = rssMiB(pid);
}
const bytesPerClient = bytes / Math.max(1, clients) / (windowMs / 1000);

const core = (cpu: number) => (cpu / windowMs) * 100;
const slowest = (values: number[]) => Math.max(...values);
console.log(
  `serve, ${instances} instances, --interval 5 --rate 2000 (load ${loadAfterScrapes}), node ${nodeFlags.join(' ')}`,
);
console.log(`  RSS                          ${rssAlone.toFixed(0)} MiB polling alone (budget <= 300 MiB)`);
console.log(`  RSS with the clients         ${rss.toFixed(0)} MiB`);
console.log(
  `  requests per second          ${(alone.requests / (windowMs / 1000)).toFixed(0)} (--rate 2000)`,
);
console.log(
  `  CPU per 1,000 requests       ${((alone.cpu / Math.max(1, alone.requests)) * 1000).toFixed(0)} ms`,
);
console.log(`  polling alone                ${core(alone.cpu).toFixed(1)}% of one core`);
console.log(
  `  /metrics                     ${median(renders).toFixed(0)} ms median of ${scrapes}, slowest ${slowest(renders).toFixed(0)} ms, ${(size / 1024 / 1024).toFixed(1)} MiB (budget <= 200 ms)`,
);
console.log(
  `    of which until headers     ${median(firstBytes).toFixed(0)} ms median, slowest ${slowest(firstBytes).toFixed(0)} ms`,
);
console.log(
  `  /metrics, gzip               ${median(gzipped).toFixed(0)} ms median of ${scrapes}, slowest ${slowest(gzipped).toFixed(0)} ms, ${(gzipSize / 1024 / 1024).toFixed(1)} MiB on the wire`,
);
console.log(
  `  /metrics, gzip + gunzip      ${median(unpacked).toFixed(0)} ms median of ${scrapes}, slowest ${slowest(unpacked).toFixed(0)} ms`,
);
if (clients > 0) {
  console.log(
    `  ${clients} SSE clients, extra CPU  ${(core(attached.cpu) - core(alone.cpu)).toFixed(1)}% of one core (budget <= 25%)`,
  );
  console.log(`  bytes per second per client  ${bytesPerClient.toFixed(0)}`);
}
serve.kill('SIGTERM');
await new Promise((resolve) => serve.once('exit', resolve));
await emulator.stop();
