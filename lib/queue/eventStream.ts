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

export function decodeMessage(id: string, fields: string[]): StreamMessage {
  let raw = '';
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'e') raw = fields[i + 1];
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
    if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
  }
}

/** One event, one XADD: what the ingest edge does per request (cheaper than a pipeline of one). */
export async function enqueueEvent(redis: Redis, event: QueuedEvent): Promise<void> {
  await redis.xadd(streamKey(), '*', 'e', JSON.stringify(event));
}
