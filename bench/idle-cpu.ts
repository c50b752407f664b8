// Idle CPU: the live screen with 200 instances at a 5 s interval, CPU used over 60 s.
// Usage: node --import tsx bench/idle-cpu.ts [--instances 200] [--seconds 60]
import { arg, cpuMs, quick, report, sleep, startEmulatorProcess, targetFlags } from './lib.js';
import { startLive } from './live-process.js';

const instances = arg('instances', 200);
const seconds = arg('seconds', quick ? 10 : 60);

const emulator = await startEmulatorProcess(['--instances', String(instances)]);
const live = startLive([...targetFlags(emulator), '--interval', '5', '--rate', '100'], {
  GAUSSDB_TOKEN: emulator.token,
});
try {
  await sleep(10_000); // start-up and the first cycles are not idle
  const pid = live.pid();
  const before = cpuMs(pid);
  await sleep(seconds * 1000);
  const used = cpuMs(pid) - before;
  report(`Idle CPU: ${instances} instances at a 5 s interval over ${seconds} s`, [
    ['CPU time', `${used.toFixed(0)} ms`],
    ['share of one core', `${((used / (seconds * 1000)) * 100).toFixed(2)}% (budget < 2%)`],
    ['requests per second', `${(instances / 5).toFixed(0)}`],
  ]);
} finally {
  await live.stop();
  await emulator.stop();
}
