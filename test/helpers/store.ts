import type { Clock } from '../../source/clock.js';
import { defaultThresholds } from '../../source/monitor/severity.js';
import { type InstanceIdentity, MonitorStore } from '../../source/monitor/store.js';

/** A store with default thresholds and status; `setTimer` decides when batches are published. */
export function testStore(
  identities: readonly InstanceIdentity[],
  clock: Clock,
  setTimer?: (callback: () => void, ms: number) => unknown,
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
    setTimer,
  });
}
