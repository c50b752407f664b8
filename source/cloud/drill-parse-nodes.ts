import type { ExecNode } from '../drill/types.js';
import { bodyWithList, entryOf, idField, textField } from './drill-fields.js';

/** An instance has a handful of nodes; a list longer than this is not an answer but junk. */
const maxNodes = 1000;

function typeOf(value: unknown): ExecNode['type'] {
  const type = typeof value === 'string' ? value.toUpperCase() : '';
  return type === 'CN' || type === 'DN' ? type : null;
}

/**
 * `POST /key-view-execute-node` -> `nodes[]`. A node without a usable `node_id` and `component_id`
 * cannot be asked anything, so it is left out; every other field is null when bad.
 */
export function parseExecNodes(text: string, requestId: string | null): ExecNode[] {
  const { list } = bodyWithList(text, 'nodes', requestId);
  const nodes: ExecNode[] = [];
  for (const item of list.slice(0, maxNodes)) {
    const entry = entryOf(item);
    const nodeId = idField(entry.node_id);
    const componentId = idField(entry.component_id);
    if (nodeId === null || componentId === null) continue;
    nodes.push({
      node_id: nodeId,
      component_id: componentId,
      node_name: textField(entry.node_name, 128),
      role: textField(entry.role, 32),
      type: typeOf(entry.type),
    });
  }
  return nodes;
}

/**
 * The node the session calls use by default: the primary (`master`) of a centralised instance, the
 * first CN of a distributed one (the overview's counts come from that node); else the first node.
 */
export function defaultNodeIndex(nodes: readonly ExecNode[]): number {
  const firstCn = nodes.findIndex((node) => node.type === 'CN');
  if (firstCn !== -1) return firstCn;
  const master = nodes.findIndex((node) => node.role === 'master');
  return master === -1 ? 0 : master;
}
