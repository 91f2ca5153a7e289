// A project's alert rules as the API reads and writes them.
import { z } from 'zod';
import type { Db } from '../db.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import {
  filterSchema,
  isFrequencyTrigger,
  TRIGGERS,
  triggerConfigSchema,
  type RuleFilter,
  type Trigger,
  type TriggerConfig,
} from './ruleSchema.ts';
import type { Rule } from './contract.ts';

const channelIds = z
  .array(
    z.union([z.number().int().positive(), z.string().regex(/^\d{1,9}$/, 'must be a channel id')]).transform(Number),
  )
  .max(20);

const fields = {
  name: z.string().trim().min(1, 'is required').max(200),
  isActive: z.boolean(),
  trigger: z.enum(TRIGGERS),
  triggerConfig: triggerConfigSchema.nullable(),
  filters: z.array(filterSchema).max(20),
  channels: channelIds,
  throttleMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
  notifyAssignee: z.boolean(),
};

export const ruleInputSchema = z.object({
  ...fields,
  isActive: fields.isActive.default(true),
  triggerConfig: fields.triggerConfig.optional(),
  filters: fields.filters.default([]),
  channels: fields.channels.default([]),
  throttleMinutes: fields.throttleMinutes.default(30),
  notifyAssignee: fields.notifyAssignee.default(false),
});
export const ruleUpdateSchema = z.object(fields).partial();

type RuleInput = z.infer<typeof ruleInputSchema>;

type RuleRow = {
  id: number;
  projectId: number;
  name: string;
  isActive: boolean;
  trigger: string;
  triggerConfig: unknown;
  filters: unknown;
  throttleMinutes: number;
  notifyAssignee: boolean;
  createdAt: Date;
  channels: { channelId: number }[];
};

// Rows are written only through ruleInputSchema, so the stored JSON has the schema's shape.
export function serializeRule(r: RuleRow): Rule {
  const trigger = r.trigger as Trigger;
  return {
    id: String(r.id),
    name: r.name,
    isActive: r.isActive,
    trigger,
    triggerConfig: isFrequencyTrigger(trigger) ? (r.triggerConfig as TriggerConfig) : null,
    filters: r.filters as RuleFilter[],
    channels: r.channels.map((c) => String(c.channelId)).sort((a, b) => Number(a) - Number(b)),
    throttleMinutes: r.throttleMinutes,
    notifyAssignee: r.notifyAssignee,
    dateCreated: r.createdAt.toISOString(),
  };
}

/** The checks that span fields, on the rule as it will be stored. */
async function checkRule(db: Db, orgId: number, r: RuleInput) {
  if (isFrequencyTrigger(r.trigger) && !r.triggerConfig)
    throw new InvalidError('triggerConfig', 'threshold and windowMinutes are required for this trigger');
  if (!r.channels.length && !r.notifyAssignee)
    throw new InvalidError('channels', 'choose at least one channel or notify the assignee');
  const ids = [...new Set(r.channels)];
  const found = await db.alertChannel.findMany({ where: { id: { in: ids }, orgId }, select: { id: true } });
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new InvalidError('channels', `no channel ${missing.join(', ')} in this organization`);
}

const withChannels = { channels: { select: { channelId: true } } } as const;

export async function getRule(db: Db, projectId: number, id: string) {
  if (!/^\d{1,9}$/.test(id)) throw new NotFoundError();
  const r = await db.alertRule.findFirst({ where: { id: Number(id), projectId }, include: withChannels });
  if (!r) throw new NotFoundError();
  return r;
}

export function listRules(db: Db, projectId: number, offset: number, take: number) {
  return db.alertRule.findMany({
    where: { projectId },
    include: withChannels,
    orderBy: { id: 'asc' },
    skip: offset,
    take,
  });
}

function ruleData(r: RuleInput) {
  return {
    name: r.name,
    isActive: r.isActive,
    trigger: r.trigger,
    triggerConfig: isFrequencyTrigger(r.trigger) ? (r.triggerConfig as object) : {},
    filters: r.filters as object[],
    throttleMinutes: r.throttleMinutes,
    notifyAssignee: r.notifyAssignee,
  };
}

export async function createRule(db: Db, project: { id: number; orgId: number }, input: RuleInput) {
  await checkRule(db, project.orgId, input);
  return db.alertRule.create({
    data: {
      projectId: project.id,
      ...ruleData(input),
      channels: { create: [...new Set(input.channels)].map((channelId) => ({ channelId })) },
    },
    include: withChannels,
  });
}

/** PUT: the fields given replace the stored ones; the result is checked as a whole. */
export async function updateRule(
  db: Db,
  project: { id: number; orgId: number },
  id: string,
  input: z.infer<typeof ruleUpdateSchema>,
) {
  const existing = await getRule(db, project.id, id);
  const merged: RuleInput = {
    name: input.name ?? existing.name,
    isActive: input.isActive ?? existing.isActive,
    trigger: input.trigger ?? (existing.trigger as RuleInput['trigger']),
    triggerConfig:
      input.triggerConfig !== undefined
        ? input.triggerConfig
        : (triggerConfigSchema.safeParse(existing.triggerConfig).data ?? null),
    filters: input.filters ?? z.array(filterSchema).safeParse(existing.filters).data ?? [],
    channels: input.channels ?? existing.channels.map((c) => c.channelId),
    throttleMinutes: input.throttleMinutes ?? existing.throttleMinutes,
    notifyAssignee: input.notifyAssignee ?? existing.notifyAssignee,
  };
  await checkRule(db, project.orgId, merged);
  return db.$transaction(async (tx) => {
    if (input.channels) {
      await tx.alertRuleChannel.deleteMany({ where: { ruleId: existing.id } });
      await tx.alertRuleChannel.createMany({
        data: [...new Set(merged.channels)].map((channelId) => ({ ruleId: existing.id, channelId })),
      });
    }
    return tx.alertRule.update({ where: { id: existing.id }, data: ruleData(merged), include: withChannels });
  });
}

export async function deleteRule(db: Db, projectId: number, id: string) {
  const existing = await getRule(db, projectId, id);
  await db.alertRule.delete({ where: { id: existing.id } });
}
