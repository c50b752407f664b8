// Poll throughput: one full cycle over N instances with a fixed 20 ms server latency, through the same
// code path as `--once` (client, dispatcher, concurrency cap, rate budget), against a curl-per-instance
// shell loop run in the same session. Usage: node --import tsx bench/poll-throughput.ts [--instances 1000] [--runs 5]
import { execFileSync } from 'node:child_process';
import { tokenAuthenticator } from '../source/cloud/auth.js';
import { GaussDbClient } from '../source/cloud/client.js';
import { CredentialGate } from '../source/cloud/credential-gate.js';
import { createDispatcher } from '../source/cloud/transport.js';
import { pollOnce } from '../source/monitor/poll-once.js';
import { systemClock, systemTimers } from '../source/time.js';
import { arg, median, quick, report, startEmulatorProcess } from './lib.js';

const instances = arg('instances', quick ? 64 : 1000);
const runs = arg('runs', quick ? 1 : 5);
const baselineRuns = arg('baseline-runs', quick ? 1 : 3);
const concurrency = 64;
const latencyMs = 20;

const emulator = await startEmulatorProcess([
  '--instances',
  String(instances),
  '--latency',
  String(latencyMs),
]);
try {
  const dispatcher = createDispatcher({ timeoutMs: 10_000, connections: concurrency });
  const client = new GaussDbClient({
    dispatcher,
    endpoint: emulator.url,
    projectId: emulator.projectId,
    gate: new CredentialGate(systemClock),
    authenticator: tokenAuthenticator(emulator.token),
    language: () => 'en-us',
    timeoutMs: 10_000,
    userAgent: 'gaussdb-top/bench',
  });
  const ids = (await client.listInstances()).map((instance) => instance.id);
  const jobs = ids.map((instanceId) => ({ client, instanceId, name: instanceId }));

  const cycleMs: number[] = [];
  const cpuPerThousand: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const results = await pollOnce(jobs, {
      concurrency,
      rate: 100_000,
      clock: systemClock,
      timers: systemTimers,
    });
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const failed = results.filter((result) => result.error).length;
    if (failed) throw new Error(`${failed} requests failed`);
    if (run === 0) continue; // The first cycle opens the connections; steady state is what a monitor lives in.
    cycleMs.push(elapsed);
    cpuPerThousand.push(((cpu.user + cpu.system) / 1000 / instances) * 1000);
  }
  await dispatcher.destroy();

  // Baseline: what an operator would script today, one curl per instance, one after another.
  const urls = ids.map((id) => `${emulator.url}/v3/${emulator.projectId}/instances/${id}/session-overview`);
  const baselineMs: number[] = [];
  for (let run = 0; run < baselineRuns; run++) {
    const started = performance.now();
    execFileSync(
      'sh',
      ['-c', `for url in ${urls.join(' ')}; do curl -s -H "X-Auth-Token: $TOKEN" "$url" > /dev/null; done`],
      {
        env: { ...process.env, TOKEN: emulator.token },
        maxBuffer: 1 << 20,
      },
    );
    baselineMs.push(performance.now() - started);
  }

  const ideal = Math.ceil(instances / concurrency) * latencyMs;
  const cycle = median(cycleMs);
  const baseline = median(baselineMs);
  report(
    `Poll throughput: ${instances} instances, ${latencyMs} ms latency, concurrency ${concurrency} (median of ${runs})`,
    [
      ['ideal cycle ceil(n/64) x 20 ms', `${ideal} ms`],
      ['gaussdb-top cycle', `${cycle.toFixed(0)} ms = ${(cycle / ideal).toFixed(2)}x ideal (budget <= 1.5x)`],
      ['curl loop baseline', `${baseline.toFixed(0)} ms (median of ${baselineRuns})`],
      ['speed-up over baseline', `${(baseline / cycle).toFixed(1)}x (budget >= 20x)`],
      ['CPU per 1,000 requests', `${median(cpuPerThousand).toFixed(0)} ms (budget <= 150 ms)`],
    ],
  );
} finally {
  await emulator.stop();
}
