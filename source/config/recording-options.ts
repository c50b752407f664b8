import type { OptionSpec } from './option-spec.js';
import { isSize } from './size.js';

/**
 * The options of recording, streaming and alerting, part of the option table (options.ts spreads them
 * in): declared here so the table stays one screenful per concern.
 */
export const recordingOptions = {
  record: {
    type: 'text',
    section: 'output',
    placeholder: 'file',
    help: 'append every answer and error to a file (NDJSON; gzip when it ends in .gz);\nR toggles it on the live screen',
  },
  recordMax: {
    type: 'text',
    section: 'output',
    placeholder: 'size',
    help: 'with --record: past this size the file moves to FILE.1 (default 1G)',
    rule: { test: isSize, mustBe: 'a size of at least 1k (like 64k, 500M, 1G)' },
  },
  watch: {
    type: 'switch',
    section: 'output',
    help: 'with --json: one --once --json document per poll cycle, one per line (NDJSON)',
  },
  count: {
    type: 'number',
    section: 'output',
    placeholder: 'n',
    help: 'with --watch: stop after n documents',
    min: 1,
    integer: true,
    unit: 'number',
  },
  bell: {
    type: 'switch',
    section: 'output',
    help: 'ring the terminal bell when an instance enters CRIT or ERROR (at most every 10 s)',
    config: 'bell',
  },
  notify: {
    type: 'switch',
    section: 'output',
    help: 'send a desktop notification (OSC 9, OSC 777) naming the instance and why,\nby the same rule as --bell',
    config: 'notify',
  },
  at: {
    type: 'text',
    section: 'output',
    placeholder: 'time',
    help: 'with replay: start at this time (03:12, 03:12:40 or ISO); with --once,\nprint the state at that time',
  },
  from: {
    type: 'text',
    section: 'output',
    placeholder: 'time',
    help: 'with replay --json: the events from this time on, one per line (NDJSON)',
  },
  to: {
    type: 'text',
    section: 'output',
    placeholder: 'time',
    help: 'with replay --json: the events up to this time',
  },
} as const satisfies Record<string, OptionSpec>;

/** --record-max's default: 1 GiB. */
export const defaultRecordMaxBytes = 1024 ** 3;
