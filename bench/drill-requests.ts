// Requests the drill-down adds while its page is open: the live poller over 12 instances at a 5 s
// interval, requests counted at the emulator per call with the page closed, then open on each tab.
// Usage: node --import tsx bench/drill-requests.ts [--seconds 60] [--interval 5]
import type { Settings } from '../source/config/settings.js';
import { openConnection } from '../source/connect.js';
import { startEmulator } from '../source/emulator/server.js';
import { createMonitor } from '../source/monitor/monitor.js';
import { defaultThresholds } from '../source/monitor/severity.js';
import { systemClock, systemTimers } from '../source/time.js';
import { arg, quick, report, sleep } from './lib.js';

const seconds = arg('seconds', quick ? 4 : 60);
const intervalS = arg('interval', quick ? 1 : 5);
const token = 'bench-token';
const emulator = await startEmulator({ instances: 12, credentials: { token } });
const settings: Settings = {
  targets: [{ endpoint: emulator.url, projectId: emulator.projectId, instances: [], discover: true }],
  intervalMs: intervalS * 1000,
  language: 'en-us',
  rate: 10,
  concurrency: 16,
  timeoutMs: 10_000,
  thresholds: defaultThresholds,
  ascii: false,
};
const connection = openConnection(settings, { mode: 'token', token }, () => 'en-us');
const { jobs } = await connection.jobs();
const monitor = createMonitor({ ...settings, jobs, clock: systemClock, timers: systemTimers });
monitor.start();

/** Requests per minute at the emulator over `seconds`: the grid's, and the page's per call. */
async function perMinute(): Promise<{ grid: number; page: number; calls: string }> {
  emulator.resetStats();
  await sleep(seconds * 1000);
  const stats = emulator.stats();
  const scale = 60 / seconds;
  const page = Object.values(stats.drillRequests).reduce((sum, count) => sum + count, 0);
  const calls = Object.entries(stats.drillRequests)
    .map(([call, count]) => `${call} ${(count * scale).toFixed(0)}`)
    .join(', ');
  return { grid: stats.overviewRequests * scale, page: page * scale, calls };
}

try {
  await sleep(2000); // the first round
  const rows: [string, string][] = [];
  const closed = await perMinute();
  rows.push(['page closed', `grid ${closed.grid.toFixed(0)}/min, page ${closed.page.toFixed(0)}/min`]);
  const key = monitor.store.getSnapshot().instances[0]?.key ?? '';
  const drill = monitor.openDrill(key);
  for (const tab of ['sessions', 'statistics', 'waits'] as const) {
    drill.setTab(tab);
    const open = await perMinute();
    rows.push([
      `page open on ${tab}`,
      `grid ${open.grid.toFixed(0)}/min, page +${open.page.toFixed(0)}/min (${open.calls})`,
    ]);
  }
  drill.close();
  const after = await perMinute();
  rows.push(['page closed again', `grid ${after.grid.toFixed(0)}/min, page ${after.page.toFixed(0)}/min`]);
  rows.push([
    'budget',
    `page <= one request per call per interval (${(60 / intervalS).toFixed(0)}/min per call)`,
  ]);
  report(`Drill-down requests: 12 instances, ${intervalS} s interval, ${seconds} s per phase`, rows);
} finally {
  monitor.stop();
  await connection.close();
  await emulator.close();
}
