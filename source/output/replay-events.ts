// `replay FILE --from --to --json`: the events of a window as NDJSON, instances named in full (not by
// the recording's numbers, which hold only within a session), strings made safe as in --once --json.
import { metricList } from '../metrics.js';
import type { RecordedInstance, RecordingEvent } from '../record/recording-events.js';
import type { Fleet } from '../record/recording-fleet.js';
import { maskSecrets } from '../secrets.js';
import { escapeUnsafeInJson } from '../server-text.js';

function instanceFields(entry: RecordedInstance | undefined) {
  return {
    project_id: entry?.projectId ?? null,
    instance_id: entry?.instanceId ?? null,
    name: entry?.name ?? null,
  };
}

const listed = (entries: readonly (RecordedInstance | undefined)[]) => entries.map(instanceFields);

/** One event as one line of JSON; `fleet` is the fleet in force when it happened (before it). */
export function eventLine(event: RecordingEvent, fleet: Fleet): string {
  const time = new Date(event.t).toISOString();
  let fields: Record<string, unknown>;
  switch (event.kind) {
    case 'answer':
      fields = {
        ...instanceFields(fleet.instances.get(event.i)),
        ...Object.fromEntries(
          metricList.map((metric) => [
            metric.apiField,
            event.counts[fleet.metricOrder.indexOf(metric.key)] ?? null,
          ]),
        ),
        latency_ms: event.ms,
      };
      break;
    case 'error': {
      const { status, code, message, requestId } = event.error;
      fields = {
        ...instanceFields(fleet.instances.get(event.i)),
        error: { status, code, message, request_id: requestId },
        latency_ms: event.ms,
      };
      break;
    }
    case 'session':
      fields = {
        gaussdb_top: event.version,
        interval_s: event.intervalMs / 1000,
        instances: listed(event.instances),
      };
      break;
    case 'add':
      fields = { instances: listed(event.instances) };
      break;
    case 'remove':
      fields = { instances: listed(event.indexes.map((index) => fleet.instances.get(index))) };
      break;
    case 'status':
      fields = { paused: event.paused, interval_s: event.intervalMs / 1000 };
      break;
    case 'stop':
      fields = {};
      break;
  }
  return `${escapeUnsafeInJson(maskSecrets(JSON.stringify({ time, event: event.kind, ...fields })))}\n`;
}
