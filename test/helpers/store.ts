import { defaultThresholds } from '../../source/monitor/severity.js';
import { type InstanceIdentity, MonitorStore } from '../../source/monitor/store.js';
import { type Clock, noTimers, type Timers } from '../../source/time.js';

/** A store with default thresholds and status; `timers` decide when batches are published. */
export function testStore(
  identities: readonly InstanceIdentity[],
  clock: Clock,
  timers: Timers = noTimers,
  intervalMs = 5000,
): MonitorStore {
  return new MonitorStore(identities, {
    clock,
    thresholds: defaultThresholds,
    language: 'en-us',
    status: {
      paused: false,
      intervalMs,
      configuredRate: 10,
      effectiveRate: 10,
      throttledUntil: null,
      credentials: [],
      discovery: [],
    },
    timers,
  });
}
