// The delivery loop's work: claim due deliveries, respect robots' rate limits (digest beyond them), send,
// record the reply, retry with exponential backoff, and finally mark failed so the log says why.
import type { Redis } from 'ioredis';
import type { Db } from '../db.ts';
import { config } from '../config.ts';
import { log } from '../log.ts';
import { metrics } from '../metrics/metrics.ts';
import { claimDueDeliveries, type ClaimedDelivery } from './queries/deliveries.ts';
import { CHANNEL_RATE_LIMITS, planBatch, retryDelayMs } from './deliveryPlan.ts';
import { reserveSlots, robotKey, stampSlot } from './channelRateLimit.ts';
import { sendToChannel, type SendResult } from './channels/send.ts';
import type { AlertMessage, DigestAlert, IssueAlert, TestAlert } from './message.ts';

/** A claim lasts this long; a worker that dies mid-send leaves its rows to others after it. */
const LEASE_SECONDS = 300;
const CLAIM_LIMIT = 100;

type Channel = { id: number; type: string; config: unknown; isActive: boolean };

/** Records one attempt's result: sent, or pending again after a backoff, or failed for good. */
async function record(db: Db, id: bigint, attemptsBefore: number, r: SendResult): Promise<void> {
  const c = config();
  const attempts = attemptsBefore + 1;
  const final = !r.ok && (r.permanent || attempts >= c.ALERTS_MAX_ATTEMPTS);
  metrics().alertDeliveries.inc({ status: r.ok ? 'sent' : final ? 'failed' : 'retry' });
  if (r.ok) {
    await db.alertDelivery.update({
      where: { id },
      data: { status: 'sent', attempts, response: r.response, error: null, sentAt: new Date() },
    });
    return;
  }
  await db.alertDelivery.update({
    where: { id },
    data: {
      status: final ? 'failed' : 'pending',
      attempts,
      response: r.response || null,
      error: final && !r.permanent ? `${r.error} (gave up after ${attempts} attempts)` : r.error,
      nextAttemptAt: new Date(Date.now() + (final ? 0 : retryDelayMs(attempts, c.ALERTS_RETRY_BASE_MS))),
    },
  });
  if (final) log.warn('alert delivery failed', { deliveryId: String(id), error: r.error, attempts });
}

async function sendOne(db: Db, channel: Channel, row: ClaimedDelivery): Promise<void> {
  const r = await sendToChannel(channel, row.payload as AlertMessage);
  await record(db, row.id, row.attempts, r);
}

/** Issue alerts inside a payload (a retried digest contributes its items). */
function issueItems(payload: unknown): IssueAlert[] {
  const m = payload as AlertMessage;
  if (m?.kind === 'issue') return [m];
  if (m?.kind === 'digest') return m.items;
  return [];
}

/** Merges rows into one new digest delivery (the merged rows become `digested`), then sends it. */
async function sendDigest(db: Db, channel: Channel, rows: ClaimedDelivery[]): Promise<void> {
  const payload: DigestAlert = {
    kind: 'digest',
    deliveryIds: rows.map((r) => String(r.id)),
    items: rows.flatMap((r) => issueItems(r.payload)),
  };
  const digest = await db.$transaction(async (tx) => {
    // Born claimed (nextAttemptAt in the future) so no other worker sends it while this one does.
    const d = await tx.alertDelivery.create({
      data: {
        channelId: channel.id,
        payload: payload as object,
        nextAttemptAt: new Date(Date.now() + LEASE_SECONDS * 1000),
      },
    });
    await tx.alertDelivery.updateMany({
      where: { id: { in: rows.map((r) => r.id) } },
      data: { status: 'digested', response: `merged into digest delivery ${d.id} (rate limit of the channel reached)` },
    });
    return d;
  });
  await sendOne(db, channel, {
    id: digest.id,
    channelId: channel.id,
    ruleId: null,
    issueId: null,
    attempts: 0,
    payload,
  });
}

async function processChannel(
  db: Db,
  redis: Redis,
  channel: Channel | undefined,
  rows: ClaimedDelivery[],
): Promise<void> {
  if (!channel || !channel.isActive) {
    for (const row of rows)
      await record(db, row.id, row.attempts, {
        ok: false,
        response: '',
        error: 'the channel is disabled',
        permanent: true,
      });
    return;
  }
  const limit = CHANNEL_RATE_LIMITS[channel.type];
  if (!limit) {
    for (const row of rows) await sendOne(db, channel, row);
    return;
  }
  const robot = robotKey(channel);
  const { granted, freeAt, slots } = await reserveSlots(redis, robot, limit, rows.length);
  const plan = planBatch(rows.length, granted);
  if (plan.deferred) {
    const at = new Date(Math.max(freeAt, Date.now() + 200));
    await db.alertDelivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { nextAttemptAt: at } });
    return;
  }
  let slot = 0;
  for (const row of rows.slice(0, plan.single)) {
    await stampSlot(redis, robot, slots[slot++]);
    await sendOne(db, channel, row);
  }
  if (plan.digest) {
    await stampSlot(redis, robot, slots[slot]);
    await sendDigest(db, channel, rows.slice(plan.single));
  }
}

/** One pass: claims what is due and sends it. Returns how many deliveries it handled. */
export async function processDueDeliveries(db: Db, redis: Redis): Promise<number> {
  const rows = await claimDueDeliveries(db, CLAIM_LIMIT, LEASE_SECONDS);
  if (!rows.length) return 0;
  const byChannel = new Map<number, ClaimedDelivery[]>();
  for (const r of rows) byChannel.set(r.channelId, [...(byChannel.get(r.channelId) ?? []), r]);
  const channels = new Map(
    (
      await db.alertChannel.findMany({
        where: { id: { in: [...byChannel.keys()] } },
        select: { id: true, type: true, config: true, isActive: true },
      })
    ).map((c) => [c.id, c]),
  );
  // Channels go in parallel; within a channel, in order (robots show messages in arrival order).
  await Promise.all(
    [...byChannel].map(([channelId, list]) =>
      processChannel(db, redis, channels.get(channelId), list).catch((e) =>
        log.error('alert delivery pass failed', { err: e, channelId }),
      ),
    ),
  );
  return rows.length;
}

/**
 * "Send test": one message now, recorded in the delivery log like any other, with no retries, so the person
 * pressing the button sees the receiver's answer at once.
 */
export async function sendTestMessage(
  db: Db,
  redis: Redis,
  channel: Channel & { orgSlug: string; name: string },
  requestedBy: string,
) {
  const payload: TestAlert = {
    kind: 'test',
    org: channel.orgSlug,
    channel: channel.name,
    requestedBy,
    url: `${config().url}/settings/${encodeURIComponent(channel.orgSlug)}/alerts/`,
  };
  const row = await db.alertDelivery.create({
    data: {
      channelId: channel.id,
      payload: payload as object,
      nextAttemptAt: new Date(Date.now() + LEASE_SECONDS * 1000),
    },
  });
  const limit = CHANNEL_RATE_LIMITS[channel.type];
  let result: SendResult;
  const reservation = limit ? await reserveSlots(redis, robotKey(channel), limit, 1) : null;
  if (reservation && reservation.granted === 0) {
    const wait = Math.max(1, Math.ceil((reservation.freeAt - Date.now()) / 1000));
    result = {
      ok: false,
      response: '',
      error:
        `the robot's rate limit (${limit!.limit} messages per ${limit!.windowMs / 1000} s) is reached; ` +
        `try again in ${wait} s`,
      permanent: true,
    };
  } else {
    result = await sendToChannel(channel, payload);
  }
  await record(db, row.id, 0, { ...result, permanent: true });
  return db.alertDelivery.findUniqueOrThrow({ where: { id: row.id } });
}
