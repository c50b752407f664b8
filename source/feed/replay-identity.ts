// How a recorded instance is named to the store and the screen during a replay.
import type { InstanceIdentity } from '../monitor/snapshot.js';
import type { RecordedInstance } from '../record/recording-events.js';
import { instanceKey } from '../record/recording-fleet.js';
import { serverText } from '../server-text.js';

/** How wide a name or id may be: as wide as the live poller would have let it be. */
const maxIdentityCells = 200;

/** The recorded names, sanitised as the live poller's are (a recording is hostile text too). */
export function identityOf(entry: RecordedInstance): InstanceIdentity {
  return {
    key: instanceKey(entry),
    endpoint: serverText(entry.endpoint, maxIdentityCells),
    projectId: serverText(entry.projectId, maxIdentityCells),
    instanceId: serverText(entry.instanceId, maxIdentityCells),
    name: serverText(entry.name, maxIdentityCells),
  };
}
