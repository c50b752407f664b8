import { isApiError } from '../cloud/api-error.js';
import { defaultNodeIndex } from '../cloud/drill-parse-nodes.js';
import type { Credentials } from '../config/credentials.js';
import type { Settings } from '../config/settings.js';
import { UsageError } from '../config/usage-error.js';
import { openConnection } from '../connect.js';
import { localErrorLabel, messages } from '../i18n/index.js';
import { renderSessionsJson, renderSessionsTable } from '../output/sessions-output.js';
import { printable } from '../server-text.js';

export interface SessionsOptions {
  settings: Settings;
  credentials: Credentials;
  /** The node to ask; the primary (or the first CN) when absent. */
  nodeId: string | undefined;
  json: boolean;
  demo: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `gaussdb-top sessions`: one instance's session list, once, as a table or JSON. Exit 0 when it was
 * read, 1 when the API failed (one line on stderr), 2 for a usage error (thrown).
 */
export async function runSessions(options: SessionsOptions): Promise<number> {
  const { settings, credentials, nodeId, json, demo, stdout, stderr } = options;
  const [target, ...others] = settings.targets;
  const instance = target?.instances[0];
  if (!target || others.length > 0 || target.instances.length !== 1 || !instance) {
    throw new UsageError('sessions needs exactly one instance: give --project-id and one --instance <id>');
  }
  const t = messages(settings.language);
  if (settings.insecure) stderr.write(`gaussdb-top: warning: ${t.insecureWarning}\n`);
  const connection = openConnection(settings, credentials, () => settings.language);
  try {
    const client = connection.clients[0];
    if (!client) return 1;
    const nodes = await client.drill.executionNodes(instance.id);
    const node =
      nodeId === undefined ? nodes[defaultNodeIndex(nodes)] : nodes.find((each) => each.node_id === nodeId);
    if (!node && nodeId !== undefined) {
      const known = nodes.map((each) => each.node_id).join(', ') || 'none';
      throw new UsageError(
        `--node ${JSON.stringify(nodeId)} is not a node of ${instance.id} (its nodes: ${known})`,
      );
    }
    if (!node) {
      stderr.write(
        `gaussdb-top: ${printable(instance.id)}: the instance lists no node to ask for sessions\n`,
      );
      return 1;
    }
    const list = await client.drill.sessions(instance.id, node);
    const report = { time: new Date(), projectId: target.projectId, instanceId: instance.id, node, list };
    stdout.write(json ? renderSessionsJson(report, demo) : renderSessionsTable(report, t, demo));
    return 0;
  } catch (error) {
    if (!isApiError(error)) throw error;
    const label = localErrorLabel(error.code, t) ?? error.code;
    const status = error.status === null ? '' : ` (HTTP ${error.status})`;
    stderr.write(`gaussdb-top: ${printable(instance.id)}: ${label}${status}: ${error.message}\n`);
    return 1;
  } finally {
    await connection.close();
  }
}
