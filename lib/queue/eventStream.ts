// The one Redis Stream module: the ingest edge appends accepted events; workers read them in a consumer group.
import type { Redis } from 'ioredis';
import { redisKey } from '../redis.ts';
import type { QueuedEvent } from './types.ts';

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

export interface StreamMessage {
  id: string;
  event: QueuedEvent | null;
  /** The raw field value, kept for the dead-letter stream when it cannot be parsed. */
  raw: string;
}

/** Redis answers field lists (stream entries, XINFO) as flat [name, value, name, value, ...] arrays. */
function fieldMap<T>(flat: T[]): Map<T, T> {
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
  const [, entries, deleted] = (await redis.xautoclaim(
    streamKey(),
    CONSUMER_GROUP,
    consumer,
    idleMs,
    '0',
    'COUNT',
    count,
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
  const res = (await redis.xreadgroup(
    'GROUP',
    CONSUMER_GROUP,
    consumer,
    'COUNT',
    count,
    'BLOCK',
    blockMs,
    'STREAMS',
    streamKey(),
    '>',
  )) as [string, [string, string[]][]][] | null;
  return (res?.[0]?.[1] ?? []).map(([id, fields]) => decodeMessage(id, fields));
}

/** Marks messages as done for the group: they will never be delivered again. */
export async function acknowledge(redis: Redis, ids: string[]): Promise<void> {
  if (ids.length) await redis.xack(streamKey(), CONSUMER_GROUP, ...ids);
}

/** How often the group has delivered a pending message (1 if it is no longer pending). */
export async function deliveryCount(redis: Redis, id: string): Promise<number> {
  const pending = (await redis.xpending(streamKey(), CONSUMER_GROUP, id, id, 1)) as [
    id: string,
    consumer: string,
    idleMs: number,
    deliveries: number,
  ][];
  return pending[0]?.[3] ?? 1;
}

/** One event, one XADD: what the ingest edge does per request (cheaper than a pipeline of one). */
export async function enqueueEvent(redis: Redis, event: QueuedEvent): Promise<void> {
  await redis.xadd(streamKey(), '*', 'e', JSON.stringify(event));
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
  const summary = (await redis.xpending(streamKey(), CONSUMER_GROUP)) as [
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
