// The shape of an alert rule: trigger, trigger settings, filters. Validates API input and rows read back from the DB.
import { z } from 'zod';

import { LEVELS, TRIGGERS, type Trigger } from './ruleNames.ts';

export { LEVELS, TRIGGERS, type Level, type Trigger } from './ruleNames.ts';

export const triggerConfigSchema = z.object({
  threshold: z.number().int().min(1).max(1_000_000),
  windowMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60),
});
export type TriggerConfig = z.infer<typeof triggerConfigSchema>;

const nonEmpty = z.string().trim().min(1).max(200);

export const filterSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('level'), op: z.enum(['gte', 'eq', 'lte']).default('gte'), value: z.enum(LEVELS) }),
  z.object({ type: z.literal('environment'), op: z.enum(['eq', 'ne']).default('eq'), value: nonEmpty }),
  z.object({ type: z.literal('release'), op: z.enum(['eq', 'ne']).default('eq'), value: nonEmpty }),
  z.object({ type: z.literal('tag'), key: nonEmpty, op: z.enum(['eq', 'contains']).default('eq'), value: nonEmpty }),
  z.object({
    type: z.literal('assignee'),
    value: z
      .string()
      .regex(/^(unassigned|assigned|user:\d{1,12}|team:\d{1,12})$/, 'unassigned, assigned, user:<id> or team:<id>'),
  }),
]);
export type RuleFilter = z.infer<typeof filterSchema>;

/** A rule as the evaluator uses it. */
export interface RuleSpec {
  id: number;
  projectId: number;
  name: string;
  trigger: Trigger;
  triggerConfig: TriggerConfig | null;
  filters: RuleFilter[];
  throttleMinutes: number;
  notifyAssignee: boolean;
}

export const isFrequencyTrigger = (t: Trigger) => t === 'frequency' || t === 'user_frequency';

/** Parses a stored rule; null (and the caller logs) when a row was written by something that skipped validation. */
export function ruleSpecFromRow(row: {
  id: number;
  projectId: number;
  name: string;
  trigger: string;
  triggerConfig: unknown;
  filters: unknown;
  throttleMinutes: number;
  notifyAssignee: boolean;
}): RuleSpec | null {
  const trigger = z.enum(TRIGGERS).safeParse(row.trigger);
  const filters = z.array(filterSchema).safeParse(row.filters ?? []);
  if (!trigger.success || !filters.success) return null;
  let triggerConfig: TriggerConfig | null = null;
  if (isFrequencyTrigger(trigger.data)) {
    const tc = triggerConfigSchema.safeParse(row.triggerConfig);
    if (!tc.success) return null;
    triggerConfig = tc.data;
  }
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    trigger: trigger.data,
    triggerConfig,
    filters: filters.data,
    throttleMinutes: row.throttleMinutes,
    notifyAssignee: row.notifyAssignee,
  };
}
