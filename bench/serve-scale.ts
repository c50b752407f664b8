// One `serve` polling a large emulated fleet: RSS, CPU per 1,000 requests, /metrics render time and
// size, then N screens attached over SSE (the server's extra CPU, bytes per second per client).
// `--quick`: 500 instances and 10 clients, for the smoke test.
import { spawn } from 'node:child_process';
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const emulator = await startEmulatorProcess(['--instances', String(instances)]);
// `--node-flags "..."`: V8 flags of your choice for serve instead of the shebang's, to compare
// settings; the emulator keeps the shebang's.
const flagsAt = process.argv.indexOf('--node-flags');
if (flagsAt !== -1) nodeFlags.splice(0, nodeFlags.length, ...(process.argv[flagsAt + 1] ?? '').split(' '));
const serve = spawn(
  node,
  [
    ...nodeFlags,
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
    '--listen',
    '127.0.0.1:0',
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
const metrics = async () => {
  const started = performance.now();
  const text = await (await request(`${url}/metrics`)).body.text();
  return { text, ms: performance.now() - started };
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
const renders = [];
let size = 0;
for (let index = 0; index < 5; index++) {
  const { text, ms } = await metrics();
  renders.push(ms);
  size = Buffer.byteLength(text);
}
let bytes = 0;
const streams = await Promise.all(Array.from({ length: clients }, () => request(`${url}/api/v1/stream`)));
for (const stream of streams) stream.body.on('data', (chunk: Buffer) => (bytes += chunk.length));
await sleep(2000);
const bytesBefore = bytes;
const attached = await window();
const bytesPerClient = (bytes - bytesBefore) / clients / (windowMs / 1000);
for (const stream of streams) stream.body.destroy();
const rss = rssMiB(pid);

const core = (cpu: number) => (cpu / windowMs) * 100;
console.log(`serve, ${instances} instances, --interval 5 --rate 2000, node ${nodeFlags.join(' ')}`);
console.log(`  RSS                          ${rssAlone.toFixed(0)} MiB polling alone (budget <= 300 MiB)`);
console.log(`  RSS with the clients         ${rss.toFixed(0)} MiB`);
console.log(
  `  CPU per 1,000 requests       ${((alone.cpu / Math.max(1, alone.requests)) * 1000).toFixed(0)} ms`,
);
console.log(`  polling alone                ${core(alone.cpu).toFixed(1)}% of one core`);
console.log(
  `  /metrics                     ${median(renders).toFixed(0)} ms median, ${(size / 1024 / 1024).toFixed(1)} MiB (budget <= 200 ms)`,
);
console.log(
  `  ${clients} SSE clients, extra CPU  ${(core(attached.cpu) - core(alone.cpu)).toFixed(1)}% of one core (budget <= 25%)`,
);
console.log(`  bytes per second per client  ${bytesPerClient.toFixed(0)}`);
serve.kill('SIGTERM');
await emulator.stop();
