// Alert channels of an organization as the API reads and writes them: validated settings, masked secrets,
// and the delivery log.
import { z } from 'zod';
import type { Db } from '../db.ts';
import { config } from '../config.ts';
import { InvalidError, NotFoundError, ConflictError } from '../errors.ts';
import {
  CHANNEL_TYPES,
  channelConfigSchemas,
  channelHost,
  keepUnchangedSecrets,
  maskConfig,
  type AnyChannelConfig,
  type ChannelType,
} from './channels/config.ts';
import { checkHost, TargetError } from './targetGuard.ts';
import { subject, type AlertMessage } from './message.ts';
import type { Channel, Delivery, DeliveryStatus } from './contract.ts';

export const channelInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  type: z.enum(CHANNEL_TYPES),
  config: z.record(z.string(), z.unknown()).default({}),
  isActive: z.boolean().default(true),
});
export const channelUpdateSchema = channelInputSchema.omit({ type: true }).partial();

type ChannelRow = {
  id: number;
  orgId: number;
  name: string;
  type: string;
  config: unknown;
  isActive: boolean;
  createdAt: Date;
};

export function serializeChannel(c: ChannelRow): Channel {
  return {
    id: String(c.id),
    name: c.name,
    // Written only through channelInputSchema.
    type: c.type as ChannelType,
    config: maskConfig(c.type as ChannelType, (c.config ?? {}) as Record<string, unknown>),
    isActive: c.isActive,
    dateCreated: c.createdAt.toISOString(),
  };
}

/** Parses a type's settings; errors name the field (`config.webhookUrl: ...`). */
async function validConfig(type: ChannelType, raw: Record<string, unknown>): Promise<AnyChannelConfig> {
  const r = channelConfigSchemas[type].safeParse(raw);
  if (!r.success) {
    throw new InvalidError(
      null,
      r.error.issues.map((i) => `config${i.path.length ? '.' + i.path.join('.') : ''}: ${i.message}`).join('; '),
    );
  }
  const cfg = r.data as AnyChannelConfig;
  if ((cfg as { assigneesOnly?: boolean }).assigneesOnly)
    throw new InvalidError('config.assigneesOnly', 'set by Faultline only');
  const host = channelHost(type, cfg);
  if (host) {
    try {
      await checkHost(host, config().ALERTS_ALLOWED_PRIVATE_TARGETS);
    } catch (e) {
      if (e instanceof TargetError) throw new InvalidError('config', e.message);
      // A name that does not resolve yet is accepted: the check runs again on every connect.
      if (!(e as NodeJS.ErrnoException).code) throw e;
    }
  }
  return cfg;
}

export async function getChannel(db: Db, orgId: number, id: string) {
  if (!/^\d{1,9}$/.test(id)) throw new NotFoundError();
  const c = await db.alertChannel.findFirst({ where: { id: Number(id), orgId } });
  if (!c) throw new NotFoundError();
  return c;
}

export function listChannels(db: Db, orgId: number, offset: number, take: number) {
  return db.alertChannel.findMany({ where: { orgId }, orderBy: { id: 'asc' }, skip: offset, take });
}

/** 409 when another channel of the organization has this name, in any letter case (the unique index is exact). */
async function requireFreeName(db: Db, orgId: number, name: string, exceptId?: number) {
  const clash = await db.alertChannel.findFirst({
    where: { orgId, name: { equals: name, mode: 'insensitive' }, id: exceptId ? { not: exceptId } : undefined },
  });
  if (clash) throw new ConflictError(`name: a channel named “${clash.name}” already exists`);
}

export async function createChannel(db: Db, orgId: number, input: z.infer<typeof channelInputSchema>) {
  const cfg = await validConfig(input.type, input.config);
  await requireFreeName(db, orgId, input.name);
  return db.alertChannel.create({
    data: { orgId, name: input.name, type: input.type, config: cfg as object, isActive: input.isActive },
  });
}

export async function updateChannel(db: Db, orgId: number, id: string, input: z.infer<typeof channelUpdateSchema>) {
  const existing = await getChannel(db, orgId, id);
  if (input.name !== undefined) await requireFreeName(db, orgId, input.name, existing.id);
  const type = existing.type as ChannelType;
  let cfg: AnyChannelConfig | undefined;
  if (input.config)
    cfg = await validConfig(
      type,
      keepUnchangedSecrets(type, input.config, (existing.config ?? {}) as Record<string, unknown>),
    );
  return db.alertChannel.update({
    where: { id: existing.id },
    data: { name: input.name, isActive: input.isActive, config: cfg === undefined ? undefined : (cfg as object) },
  });
}

export async function deleteChannel(db: Db, orgId: number, id: string) {
  const existing = await getChannel(db, orgId, id);
  await db.alertChannel.delete({ where: { id: existing.id } });
}

type DeliveryRow = {
  id: bigint;
  status: string;
  attempts: number;
  ruleId: number | null;
  issueId: number | null;
  payload: unknown;
  response: string | null;
  error: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  createdAt: Date;
};

/**
 * The receiver's reply reduced to its status (`HTTP 500`, SMTP `550`): a channel can point at an internal
 * service, and its reply body must not become a way to read it. Superusers see the whole reply.
 */
export function replyStatus(response: string | null): string | null {
  if (response === null) return null;
  const m = /^(HTTP \d{3}|\d{3})\b/.exec(response);
  return m ? m[1] : '';
}

const SHORT_REASON = 200;

export function serializeDelivery(d: DeliveryRow, opts: { fullReply: boolean }): Delivery {
  const m = d.payload as AlertMessage;
  // `digested` rows hold Faultline's own note, not a reply.
  const whole = opts.fullReply || d.status === 'digested';
  return {
    id: String(d.id),
    // The column is text; the worker writes only these four.
    status: d.status as DeliveryStatus,
    attempts: d.attempts,
    kind: m?.kind ?? 'issue',
    subject: m?.kind ? subject(m) : '',
    ruleId: d.ruleId === null ? null : String(d.ruleId),
    issueId: d.issueId === null ? null : String(d.issueId),
    recipients: m?.kind === 'issue' && m.to ? m.to : undefined,
    digestOf: m?.kind === 'digest' ? m.deliveryIds : undefined,
    response: whole ? d.response : replyStatus(d.response),
    error: whole || d.error === null || d.error.length <= SHORT_REASON ? d.error : d.error.slice(0, SHORT_REASON) + '…',
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    dateSent: d.sentAt?.toISOString() ?? null,
    dateCreated: d.createdAt.toISOString(),
  };
}

/** Newest first, on the (channelId, createdAt desc) index. */
export function listDeliveries(db: Db, channelId: number, offset: number, take: number) {
  return db.alertDelivery.findMany({
    where: { channelId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: offset,
    take,
  });
}
