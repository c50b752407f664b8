import { metricList } from '../metrics.js';
import { escapeUnsafeInJson } from '../server-text.js';
import type { Report } from './report.js';

/**
 * One JSON document for scripts; counts are integers, null where the instance did not answer. Controls,
 * bidi overrides and invisible characters are written as \uXXXX escapes: the document is still read
 * back to the same strings, and printing it on a terminal is safe.
 */
export function renderJson(report: Report, demo = false, layout: 'indented' | 'line' = 'indented'): string {
  const instances = report.rows.map((row) => ({
    project_id: row.projectId,
    instance_id: row.instanceId,
    name: row.name,
    ...Object.fromEntries(metricList.map((metric) => [metric.apiField, row.overview?.[metric.key] ?? null])),
    level: row.level,
    error: row.error
      ? {
          status: row.error.status,
          code: row.error.code,
          message: row.error.message,
          request_id: row.error.requestId,
        }
      : null,
  }));
  const document = { time: report.time.toISOString(), ...(demo ? { demo: true } : {}), instances };
  // `line`: one document per line, for --watch's NDJSON (JSON escapes every newline inside strings).
  return `${escapeUnsafeInJson(JSON.stringify(document, null, layout === 'line' ? undefined : 2))}\n`;
}
