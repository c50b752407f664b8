// Bytes per recorded answer (`--record`), plain and gzip, for a fleet under the emulator's simulated
// load polled every 5 s: what decides whether a day of a large fleet fits in --record-max.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFleet } from '../source/emulator/fleet.js';
import { simulatedLoad } from '../source/emulator/simulated-load.js';
import { defaultThresholds } from '../source/monitor/severity.js';
import { MonitorStore } from '../source/monitor/store.js';
import { startRecording } from '../source/record/recording.js';
import { noTimers } from '../source/time.js';
import { FakeClock } from '../test/helpers/fake-clock.js';
import { FakeTimers } from '../test/helpers/fake-timers.js';
import { arg, quick } from './lib.js';

const instances = arg('instances', quick ? 100 : 2000);
const cycles = arg('cycles', quick ? 12 : 120);
const intervalMs = 5000;

async function bytesPerAnswer(name: string): Promise<number> {
  const clock = new FakeClock();
  const timers = new FakeTimers(clock);
  const fleet = createFleet(instances);
  const store = new MonitorStore(
    fleet.map((instance) => ({
      key: instance.id,
      endpoint: 'https://gaussdb.cn-north-4.myhuaweicloud.com',
      projectId: '0611f1bd8b00d5d32f17c017f15b599f',
      instanceId: instance.id,
      name: instance.name,
    })),
    {
      clock,
      thresholds: defaultThresholds,
      language: 'en-us',
      timers: noTimers,
      status: {
        paused: false,
        intervalMs,
        configuredRate: 1000,
        effectiveRate: 1000,
        throttledUntil: null,
        credentials: [],
        discovery: [],
      },
    },
  );
  const path = join(mkdtempSync(join(tmpdir(), 'gaussdb-top-bench-')), name);
  const recording = startRecording({
    feed: {
      subscribe: store.subscribe,
      getSnapshot: store.getSnapshot,
      history: (key) => store.history(key),
    },
    target: { path, maxBytes: 1024 ** 4 },
    targets: [
      {
        endpoint: 'https://gaussdb.cn-north-4.myhuaweicloud.com',
        projectId: 'p',
        instances: [],
        discover: true,
      },
    ],
    thresholds: defaultThresholds,
    clock,
    timers,
  });
  // Answers spread over each interval, published in 1 s batches as the store does for a 5 s interval.
  const perSecond = Math.ceil(instances / 5);
  for (let cycle = 0; cycle < cycles; cycle++) {
    for (let second = 0; second < 5; second++) {
      for (const instance of fleet.slice(second * perSecond, (second + 1) * perSecond))
        store.recordSuccess(
          instance.id,
          simulatedLoad(instance.seed, clock.wall()),
          20 + (instance.seed % 30),
        );
      store.flush();
      await timers.advance(1000);
    }
  }
  await recording.stop();
  return statSync(path).size / (instances * cycles);
}

const plain = await bytesPerAnswer('fleet.ndjson');
const gzip = await bytesPerAnswer('fleet.ndjson.gz');
const day = (bytes: number) => (bytes * 2000 * (86_400 / 5)) / 1024 ** 3;
console.log(`record size: ${instances} instances, ${cycles} polls each at 5 s`);
console.log(
  `plain: ${plain.toFixed(1)} bytes per answer; 2,000 instances for 24 h: ${day(plain).toFixed(2)} GiB`,
);
console.log(
  `gzip:  ${gzip.toFixed(1)} bytes per answer; 2,000 instances for 24 h: ${day(gzip).toFixed(2)} GiB`,
);
console.log(
  `budget: gzip fits 24 h of 2,000 instances in the default --record-max of 1 GiB: ${day(gzip) <= 1 ? 'yes' : 'NO'}`,
);
