// What `serve` sends and an attached screen reads (/api/v1/snapshot and /api/v1/stream), declared once.
// A superset of `--once --json`: the same keys per instance, plus what the screen needs to draw the
// same rows. Times travel as ages ("12 ms ago", "due in 3 s"), never as the poller's monotonic clock,
// so two machines need not agree on the time. Whatever arrives is checked here before use: a poller
// can be an impostor, and its text is server text.
import { z } from 'zod';
import { levels } from '../monitor/severity.js';

const text = z.string().max(4096);
const count = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);
const age = z.number().finite().min(0);
const level = z.enum(levels);

const counts = {
  total_num: count.nullable(),
  active_num: count.nullable(),
  slow_sql_num: count.nullable(),
  lock_num: count.nullable(),
};

/** One answer: when (age and wall time) and the four counts. */
const wireSample = z.object({
  age_ms: age,
  time: text,
  total_num: count,
  active_num: count,
  slow_sql_num: count,
  lock_num: count,
});

export const wireInstance = z.object({
  key: text,
  project_id: text,
  instance_id: text,
  name: text,
  endpoint: text,
  ...counts,
  level,
  error: z
    .object({
      status: z.number().int().nullable(),
      code: text,
      message: text,
      request_id: text.nullable(),
      age_ms: age,
    })
    .nullable(),
  data_level: level.nullable(),
  latency_ms: z.number().finite().min(0).nullable(),
  successes: count,
  failures: count,
  trend: z.array(count.nullable()).max(60),
  last: wireSample.nullable(),
  previous: wireSample.nullable(),
  level_since_age_ms: age.nullable(),
  recovered_age_ms: age.nullable(),
});

const dueIn = z.number().finite().min(0).nullable();

export const wirePoller = z.object({
  paused: z.boolean(),
  interval_ms: z.number().finite().positive(),
  configured_rate: z.number().finite().positive(),
  effective_rate: z.number().finite().positive(),
  throttled_for_ms: dueIn,
  credentials: z
    .array(
      z.object({
        kind: z.enum(['token', 'aksk', 'password']),
        where: text,
        state: z.enum(['refused', 'checking']),
        next_try_in_ms: dueIn,
        advice: text,
        message: text,
      }),
    )
    .max(100),
  discovery: z.array(z.object({ target: text, message: text, next_try_in_ms: dueIn })).max(100),
  running_ms: age,
  last_change: text.nullable(),
});

/** A sample of the history: age, wall time, then the four counts. */
const wireHistorySample = z.tuple([age, z.number().finite(), count, count, count, count]);

const maxInstances = 100_000;

export const wireSnapshot = z.object({
  time: text,
  language: z.enum(['en-us', 'zh-cn']),
  poller: wirePoller,
  instances: z.array(wireInstance).max(maxInstances),
  /** Present when asked for (`?history=1`): each instance's samples, oldest first. */
  history: z.record(text, z.array(wireHistorySample).max(1000)).optional(),
});

/** A change: the instances that changed since the last event, the poller's state when it changed. */
export const wireChange = z.object({
  time: text,
  language: z.enum(['en-us', 'zh-cn']).optional(),
  poller: wirePoller.optional(),
  instances: z.array(wireInstance).max(maxInstances),
});

export type WireInstance = z.infer<typeof wireInstance>;
export type WirePoller = z.infer<typeof wirePoller>;
export type WireSnapshot = z.infer<typeof wireSnapshot>;
export type WireChange = z.infer<typeof wireChange>;
export type WireSample = z.infer<typeof wireSample>;
export type WireHistorySample = z.infer<typeof wireHistorySample>;
