// Loaded into a gaussdb-top process through NODE_OPTIONS=--import=<this file>: appends to
// $V8_PROBE_LOG what V8 was started with, once per program image the process runs (so a relaunch
// through execve writes two `start` lines under one process id), and at exit what the program saw.
import { appendFileSync, readdirSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

const log = process.env.V8_PROBE_LOG;
const write = (line) => {
  if (log) appendFileSync(log, `${JSON.stringify({ pid: process.pid, ...line })}\n`);
};
write({
  phase: 'start',
  execArgv: process.execArgv,
  // The heap's limit counts the young generation's largest size: it moves with --max-semi-space-size.
  heapSizeLimit: getHeapStatistics().heap_size_limit,
  // V8's worker threads are created before any script runs: their number follows --v8-pool-size.
  threads: readdirSync('/proc/self/task').length,
});
process.on('exit', (code) => {
  write({
    phase: 'exit',
    code,
    argv: process.argv.slice(2),
    execArgv: process.execArgv,
    relaunchMarker: process.env.GAUSSDB_TOP_RELAUNCHED ?? null,
    probeEnv: process.env.PROBE_ENV ?? null,
  });
});
