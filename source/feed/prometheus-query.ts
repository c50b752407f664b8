// Prometheus' HTTP API (/api/v1/query, /api/v1/query_range), as far as an attached screen needs it.
// Works with anything that speaks it (Thanos, Mimir, VictoriaMetrics). Answers are checked before use.
import { Agent, request } from 'undici';
import { z } from 'zod';

const labels = z.record(z.string().max(4096), z.string().max(4096));
const point = z.tuple([z.number(), z.string().max(64)]);

const vectorAnswer = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: labels, value: point })).max(1_000_000),
  }),
});

const matrixAnswer = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: labels, values: z.array(point).max(100_000) })).max(1000),
  }),
});

export type Vector = z.infer<typeof vectorAnswer>['data']['result'];
export type Matrix = z.infer<typeof matrixAnswer>['data']['result'];

export class QueryError extends Error {}

export interface PrometheusClient {
  query(expression: string): Promise<Vector>;
  range(expression: string, startSeconds: number, endSeconds: number, stepSeconds: number): Promise<Matrix>;
  close(): Promise<void>;
}

/** A label value inside a PromQL regular expression: every regex and string metacharacter escaped. */
export function promqlRegexLiteral(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\"]/g, (character) => `\\\\${character}`);
}

export function prometheusClient(
  base: string,
  token: string | undefined,
  timeoutMs: number,
): PrometheusClient {
  const dispatcher = new Agent({
    connections: 2,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    maxResponseSize: 256 * 1024 * 1024,
  });
  const ask = async (path: string, parameters: Record<string, string>): Promise<unknown> => {
    const url = `${base}${path}?${new URLSearchParams(parameters)}`;
    let answer: Awaited<ReturnType<typeof request>>;
    try {
      answer = await request(url, {
        dispatcher,
        headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new QueryError((error as { code?: string }).code ?? 'connection failed');
    }
    const text = await answer.body.text().catch(() => '');
    if (answer.statusCode !== 200) throw new QueryError(`HTTP ${answer.statusCode}`);
    try {
      return JSON.parse(text);
    } catch {
      throw new QueryError('not JSON');
    }
  };
  return {
    async query(expression) {
      const parsed = vectorAnswer.safeParse(await ask('/api/v1/query', { query: expression }));
      if (!parsed.success) throw new QueryError('not a Prometheus vector');
      return parsed.data.data.result;
    },
    async range(expression, start, end, step) {
      const parsed = matrixAnswer.safeParse(
        await ask('/api/v1/query_range', {
          query: expression,
          start: String(start),
          end: String(end),
          step: String(step),
        }),
      );
      if (!parsed.success) throw new QueryError('not a Prometheus matrix');
      return parsed.data.data.result;
    },
    close: () => dispatcher.close(),
  };
}
