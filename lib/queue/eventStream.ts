// The one Redis Stream module: the ingest edge appends accepted events; workers read them in a consumer group.
import type { Redis } from 'ioredis';
import { log } from '../log.ts';
import { redisKey } from '../redis.ts';
import type { QueuedEvent } from './types.ts';
import { redisNow } from './redisClock.ts';
import { metrics } from '../metrics/metrics.ts';
import { countStored, minuteOf, throughputKey, THROUGHPUT_TTL_SECONDS } from '../metrics/throughput.ts';

export const CONSUMER_GROUP = 'workers';

export function streamKey() {
  return redisKey('events');
}

export function deadLetterKey() {
  return redisKey('events:dead');
}

/**
 * Appends events to the stream. Resolves only once Redis has acknowledged every XADD, which is the
 * edge's promise to the SDK: a 200 means the event is in Redis.
 */
export async function enqueueEvents(redis: Redis, events: QueuedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const key = streamKey();
  const pipeline = redis.pipeline();
  for (const e of events) pipeline.xadd(key, '*', 'e', JSON.stringify(e));
  const results = await pipeline.exec();
  for (const [err] of results ?? []) if (err) throw err;
}

// XADDs only while Redis's own clock is before the deadline (ARGV[1], ms); all of a request's events or none. Counts
// them in their minute's throughput hash (KEYS[2]) in the same script: "accepted" on Admin → Status means queued.
const ENQUEUE_BEFORE = `
local t = redis.call('TIME')
if tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) > tonumber(ARGV[1]) then return 0 end
for i = 2, #ARGV do redis.call('XADD', KEYS[1], '*', 'e', ARGV[i]) end
redis.call('HINCRBY', KEYS[2], 'accepted', #ARGV - 1)
redis.call('EXPIRE', KEYS[2], ${THROUGHPUT_TTL_SECONDS})
return #ARGV - 1`;

type WithEnqueueBefore = Redis & {
  enqueueBefore(key: string, throughput: string, deadline: number, ...payloads: string[]): Promise<number>;
};

export class QueueDeadlinePassed extends Error {}

/**
 * The ingest edge's enqueue: appends a request's events at once, but only if Redis runs the command within
 * `withinMs` of now (by Redis's clock). The edge answers 503 once its command timeout passes; a command still
 * sitting in a frozen Redis's socket would otherwise run when Redis wakes, and an event the SDK was told to resend
 * would be stored as well (twice, once resent). With `withinMs` well below the edge's timeout, a command either
 * runs while the edge still waits for it, or never.
 */
export async function enqueueBefore(redis: Redis, events: QueuedEvent[], withinMs: number): Promise<void> {
  if (events.length === 0) return;
  const r = redis as WithEnqueueBefore;
  if (!r.enqueueBefore) redis.defineCommand('enqueueBefore', { numberOfKeys: 2, lua: ENQUEUE_BEFORE });
  const now = await redisNow(redis);
  const payloads = events.map((e) => JSON.stringify(e));
  const counter = throughputKey(minuteOf(now));
  const added = await r.enqueueBefore(streamKey(), counter, Math.floor(now + withinMs), ...payloads);
  if (added === 0) throw new QueueDeadlinePassed(`Redis ran the enqueue after its deadline (${withinMs} ms)`);
}

export interface StreamMessage {
  id: string;
  event: QueuedEvent | null;
  /** The raw field value, kept for the dead-letter stream when it cannot be parsed. */
  raw: string;
}

/** Redis answers field lists (stream entries, XINFO) as flat [name, value, name, value, ...] arrays. */
export function fieldMap<T>(flat: T[]): Map<T, T> {
  const m = new Map<T, T>();
  for (let i = 0; i + 1 < flat.length; i += 2) m.set(flat[i], flat[i + 1]);
  return m;
}

export function decodeMessage(id: string, fields: string[]): StreamMessage {
  const raw = fieldMap(fields).get('e') ?? '';
  try {
    return { id, event: JSON.parse(raw) as QueuedEvent, raw };
  } catch {
    return { id, event: null, raw };
  }
}

/** Creates the consumer group (and the stream) if missing. */
export async function ensureConsumerGroup(redis: Redis): Promise<void> {
  try {
    await redis.xgroup('CREATE', streamKey(), CONSUMER_GROUP, '0', 'MKSTREAM');
  } catch (e) {
    // Redis errors carry no codes, only a leading word: BUSYGROUP is "the group exists already".
    if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
  }
}

// Redis says NOGROUP for a missing group and "no such key" (XINFO) for a missing stream.
const isMissingGroup = (e: unknown) => /^(NOGROUP|ERR no such key)/.test(String((e as Error)?.message));

/**
 * Runs a group command; when the group is gone (Redis restarted without persistence, a failover to an empty
 * replica, FLUSHALL) it recreates it and runs the command once more. XADD has meanwhile recreated the stream but
 * never the group; recreated from id 0, it delivers everything the edge queued since.
 */
async function inGroup<T>(redis: Redis, command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (e) {
    if (!isMissingGroup(e)) throw e;
    log.warn('event queue consumer group was missing (Redis lost its data?); recreating it', {
      stream: streamKey(),
      group: CONSUMER_GROUP,
    });
    await ensureConsumerGroup(redis);
    return command();
  }
}

/**
 * False when events wait on the stream with no consumer group to deliver them (XADD recreated the stream after
 * Redis lost its data, and no worker has recreated the group yet). No stream at all is fine: nothing is queued.
 */
export async function queueIsRead(redis: Redis): Promise<boolean> {
  try {
    const groups = (await redis.xinfo('GROUPS', streamKey())) as unknown[][];
    return groups.some((g) => fieldMap(g).get('name') === CONSUMER_GROUP);
  } catch (e) {
    if (/^ERR no such key/.test(String((e as Error)?.message))) return true;
    throw e;
  }
}

/** A stream entry as Redis answers it; an entry trimmed away since it was read has no fields (Redis 7, XAUTOCLAIM). */
type RawEntry = [id: string, fields: string[] | null];

/**
 * Takes over up to `count` messages another consumer (a dead worker) read but did not acknowledge for `idleMs`.
 * Entries trimmed away meanwhile have nothing left to store: they are acknowledged here and not returned.
 */
export async function claimAbandoned(
  redis: Redis,
  consumer: string,
  idleMs: number,
  count: number,
): Promise<StreamMessage[]> {
  const [, entries, deleted] = (await inGroup(redis, () =>
    redis.xautoclaim(streamKey(), CONSUMER_GROUP, consumer, idleMs, '0', 'COUNT', count),
  )) as [string, RawEntry[] | null, string[]?];
  const gone = entries?.filter(([, f]) => !f).map(([id]) => id) ?? [];
  if (deleted?.length) gone.push(...deleted);
  await acknowledge(redis, gone);
  return (entries ?? [])
    .filter((e): e is [string, string[]] => !!e[1])
    .map(([id, fields]) => decodeMessage(id, fields));
}

/** Reads up to `count` messages no consumer has seen yet, waiting up to `blockMs` for the first. */
export async function readNew(
  redis: Redis,
  consumer: string,
  count: number,
  blockMs: number,
): Promise<StreamMessage[]> {
  const res = (await inGroup(redis, () =>
    redis.xreadgroup('GROUP', CONSUMER_GROUP, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', streamKey(), '>'),
  )) as [string, [string, string[]][]][] | null;
  return (res?.[0]?.[1] ?? []).map(([id, fields]) => decodeMessage(id, fields));
}

/**
 * Marks messages as done for the group (never delivered again); `stored`, what a committed batch inserted, is
 * counted for Admin → Status in the same round trip.
 */
export async function acknowledge(redis: Redis, ids: string[], stored = 0): Promise<void> {
  if (!ids.length) return;
  const p = redis.pipeline().xack(streamKey(), CONSUMER_GROUP, ...ids);
  if (stored > 0) countStored(p, stored, await redisNow(redis));
  for (const [err] of (await p.exec()) ?? []) if (err) throw err;
}

/** How often the group has delivered a pending message (1 if it is no longer pending). */
export async function deliveryCount(redis: Redis, id: string): Promise<number> {
  const pending = (await inGroup(redis, () => redis.xpending(streamKey(), CONSUMER_GROUP, id, id, 1))) as [
    id: string,
    consumer: string,
    idleMs: number,
    deliveries: number,
  ][];
  return pending[0]?.[3] ?? 1;
}

/** Parks a message that cannot be stored, with its error, for an admin to see; then acknowledges it. */
export async function deadLetter(redis: Redis, msg: StreamMessage, error: string, deliveries: number): Promise<void> {
  await redis.xadd(
    deadLetterKey(),
    'MAXLEN',
    '~',
    '10000',
    '*',
    'e',
    msg.raw,
    'error',
    error,
    'id',
    msg.id,
    'deliveries',
    String(deliveries),
  );
  await acknowledge(redis, [msg.id]);
  metrics().deadLettered.inc();
}

export interface DeadLetter {
  /** Id on the dead-letter stream. */
  id: string;
  /** Id the message had on the events stream. */
  streamId: string;
  error: string;
  deliveries: number;
  failedAt: string;
  projectId: number | null;
  eventId: string | null;
  /** The start of the payload, for a look; the whole message stays on the stream. */
  preview: string;
}

/** Newest first. */
export async function listDeadLetters(redis: Redis, count: number, before?: string): Promise<DeadLetter[]> {
  const entries = await redis.xrevrange(deadLetterKey(), before ? `(${before}` : '+', '-', 'COUNT', count);
  return entries.map(([id, fields]) => {
    const f = fieldMap(fields);
    const raw = f.get('e') ?? '';
    let ev: Partial<QueuedEvent> = {};
    try {
      ev = JSON.parse(raw) as QueuedEvent;
    } catch {
      /* the raw text is shown instead */
    }
    return {
      id,
      streamId: f.get('id') ?? '',
      error: f.get('error') ?? '',
      deliveries: Number(f.get('deliveries') ?? 1),
      failedAt: new Date(Number(id.split('-')[0])).toISOString(),
      projectId: typeof ev.projectId === 'number' ? ev.projectId : null,
      eventId: typeof ev.eventId === 'string' ? ev.eventId : null,
      preview: (typeof ev.payload === 'string' ? ev.payload : raw).slice(0, 500),
    };
  });
}

export async function deadLetterCount(redis: Redis): Promise<number> {
  return redis.xlen(deadLetterKey());
}

/**
 * Deletes entries every worker has acknowledged (older than the oldest pending one and than the group's
 * last delivered id) and older than `retentionMs`. Stream ids start with their time in ms, so MINID does both.
 */
export async function trimAcknowledged(redis: Redis, retentionMs: number): Promise<void> {
  const summary = (await inGroup(redis, () => redis.xpending(streamKey(), CONSUMER_GROUP))) as [
    number,
    string | null,
    string | null,
    unknown,
  ];
  const groups = (await redis.xinfo('GROUPS', streamKey())) as unknown[][];
  const group = groups.map((g) => fieldMap(g)).find((g) => g.get('name') === CONSUMER_GROUP);
  const lastDelivered = String(group?.get('last-delivered-id') ?? '0-0');
  const candidates = [lastDelivered, `${Date.now() - retentionMs}-0`];
  if (Number(summary[0]) > 0 && summary[1]) candidates.push(summary[1]);
  const minId = candidates.reduce((a, b) => (compareIds(a, b) <= 0 ? a : b));
  if (minId !== '0-0') await redis.xtrim(streamKey(), 'MINID', '~', minId);
}

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am !== bm ? (am < bm ? -1 : 1) : as === bs ? 0 : as < bs ? -1 : 1;
}

/** Puts dead-lettered messages back on the events stream (after a fix) and removes them from the dead-letter stream. */
export async function retryDeadLetters(redis: Redis, ids: string[]): Promise<number> {
  let n = 0;
  for (const id of ids) {
    const [entry] = await redis.xrange(deadLetterKey(), id, id);
    if (!entry) continue;
    await redis.xadd(streamKey(), '*', 'e', fieldMap(entry[1]).get('e') ?? '');
    await redis.xdel(deadLetterKey(), id);
    n++;
  }
  return n;
}

export async function deleteDeadLetters(redis: Redis, ids: string[]): Promise<number> {
  return ids.length ? redis.xdel(deadLetterKey(), ...ids) : 0;
}
