// The drill-down page's parts (one per API the page reads), how a tab maps onto them, and how an
// answer or an error updates one: immutable, like the grid's snapshots.
import type { ApiError } from '../cloud/api-error.js';
import type { DrillCalls } from '../cloud/drill-client.js';
import type { DrillError, DrillPart, DrillSnapshot, DrillTab } from '../drill/source.js';
import { type ExecNode, type StatisticsRow, statisticsDimensions } from '../drill/types.js';

export type PartName = 'nodes' | 'sessions' | 'statistics' | 'waits' | 'topSql';

/** The part a tab shows (Sessions and Blocking share one call). */
export function partOfTab(tab: DrillTab): Exclude<PartName, 'nodes'> {
  return tab === 'blocking' ? 'sessions' : tab;
}

export function emptyPart<T>(): DrillPart<T> {
  return { data: null, at: null, error: null, loading: false };
}

export function withLoading<T>(part: DrillPart<T>, loading: boolean): DrillPart<T> {
  return part.loading === loading ? part : { ...part, loading };
}

export function withData<T>(data: T, at: number): DrillPart<T> {
  return { data, at, error: null, loading: false };
}

/** A failed attempt keeps the last good answer (like a grid row keeps its last sample). */
export function withError<T>(part: DrillPart<T>, error: ApiError): DrillPart<T> {
  return { ...part, error: drillError(error), loading: false };
}

export function drillError(error: ApiError): DrillError {
  return { status: error.status, code: error.code, message: error.message };
}

export function initialSnapshot(key: string, canKill: boolean, paused: boolean): DrillSnapshot {
  return {
    key,
    nodes: emptyPart(),
    nodeIndex: 0,
    sessions: emptyPart(),
    statistics: emptyPart(),
    waits: emptyPart(),
    topSql: emptyPart(),
    paused,
    canKill,
  };
}

/** Takes one request's worth of the budget, waiting for it if need be. */
export type TakeToken = () => Promise<void>;

/**
 * How each part is fetched: one request each, three for the statistics (one per dimension). Every
 * request first takes its token, so a part of three requests spends three.
 */
export function fetchPart(
  part: PartName,
  calls: DrillCalls,
  instanceId: string,
  node: ExecNode | undefined,
  take: TakeToken,
  signal: AbortSignal,
): Promise<unknown> {
  const after = async <T>(request: () => Promise<T>): Promise<T> => {
    await take();
    return request();
  };
  switch (part) {
    case 'nodes':
      return after(() => calls.executionNodes(instanceId, signal));
    case 'sessions':
      if (!node) throw new Error('no node to ask');
      return after(() => calls.sessions(instanceId, node, signal));
    case 'waits':
      return after(() => calls.waitEvents(instanceId, signal));
    case 'topSql':
      return after(() => calls.topSql(instanceId, signal));
    case 'statistics':
      return (async () => {
        const rows = {} as Record<(typeof statisticsDimensions)[number], readonly StatisticsRow[]>;
        for (const dimension of statisticsDimensions) {
          rows[dimension] = await after(() => calls.statistics(instanceId, dimension, signal));
        }
        return rows;
      })();
  }
}
