// Soak: the live screen against the emulator with random faults, for 30 minutes by default. Reports
// requests, errors, recoveries, RSS at start and end, and crashes (must be 0). Not a CI test.
// Usage: node --import tsx bench/soak.ts [--minutes 30] [--instances 100]
import type { Fault } from '../source/emulator/faults.js';
import { startEmulator } from '../source/emulator/server.js';
import { arg, quick, report, rssMiB, sleep, targetFlags } from './lib.js';
import { startLive } from './live-process.js';

const minutes = arg('minutes', quick ? 1 : 30);
const instances = arg('instances', 100);
const token = 'soak-token';

const faults: Fault[] = [
  { kind: 'hang' },
  { kind: 'stall-body' },
  { kind: 'drip', intervalMs: 300 },
  { kind: 'reset' },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502, body: 'html' },
  { kind: 'status', status: 503, body: 'empty' },
  { kind: 'status', status: 429, retryAfter: '2' },
  { kind: 'status', status: 429 },
  { kind: 'status', status: 404 },
  { kind: 'body', text: '{"total_num":' },
  { kind: 'body', text: '{"active_num":"-1","total_num":"1","slow_sql_num":"0","lock_num":"0"}' },
  { kind: 'oversized', bytes: 5 * 1024 * 1024 },
  { kind: 'latency', ms: 3000 },
];

const emulator = await startEmulator({ instances, credentials: { token } });
const live = startLive([...targetFlags(emulator), '--interval', '2', '--rate', '100', '--timeout', '2'], {
  GAUSSDB_TOKEN: token,
});
let crashed = 0;
live.wrapper.once('exit', () => {
  crashed++;
});

const random = (limit: number) => Math.floor(Math.random() * limit);
const active = new Map<string, { since: number; answersAtClear?: number }>();
let injected = 0;
let recovered = 0;
const pendingRecovery = new Map<string, number>();

await sleep(10_000);
const rssStart = rssMiB(live.pid());
const deadline = Date.now() + minutes * 60_000;
while (Date.now() < deadline && crashed === 0) {
  // Every second: maybe break an instance, maybe heal one; now and then a whole-fleet outage of a few seconds.
  const victim = emulator.instances[random(instances)];
  if (victim && !active.has(victim.id) && Math.random() < 0.5) {
    emulator.setFault(victim.id, faults[random(faults.length)]);
    active.set(victim.id, { since: Date.now() });
    injected++;
  }
  for (const [id, state] of active) {
    if (Date.now() - state.since > 5000 + random(20_000)) {
      emulator.setFault(id, undefined);
      active.delete(id);
      pendingRecovery.set(id, emulator.stats().perInstance[id] ?? 0);
    }
  }
  const counts = emulator.stats().perInstance;
  for (const [id, atClear] of pendingRecovery) {
    if ((counts[id] ?? 0) > atClear && !active.has(id)) {
      pendingRecovery.delete(id);
      recovered++;
    }
  }
  if (random(600) === 0) {
    emulator.setFault('*', { kind: 'status', status: 503 });
    await sleep(3000);
    emulator.setFault('*', undefined);
  }
  await sleep(1000);
}
const rssEnd = crashed ? Number.NaN : rssMiB(live.pid());
const stats = emulator.stats();
report(`Soak: ${minutes} min, ${instances} instances, interval 2 s, random faults`, [
  ['requests answered by the emulator', String(stats.overviewRequests)],
  ['faults injected', String(injected)],
  ['recoveries seen (asked again after the fault cleared)', String(recovered)],
  ['RSS at start / end', `${rssStart.toFixed(1)} / ${rssEnd.toFixed(1)} MiB`],
  ['crashes', String(crashed)],
]);
if (!crashed) await live.stop();
await emulator.close();
process.exit(crashed ? 1 : 0);
