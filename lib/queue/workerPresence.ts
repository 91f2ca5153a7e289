// Which worker lanes are alive. Each lane marks itself in a sorted set (score: Redis time in ms) every time round its
// loop, at least once a second while idle. The consumer group cannot tell: before Redis 7.2 a consumer's idle time
// only restarts when it is handed events, so a healthy worker on a quiet install looks as idle as a stopped one, and a
// lane that was never handed anything is not listed at all.
import type { Redis } from 'ioredis';
import { redisKey } from '../redis.ts';
import { redisNow } from './redisClock.ts';

const SEEN = 'workers:seen';
/** Lanes not seen for this long are dropped from the set (each start adds new names; the set must not grow). */
const FORGET_AFTER_MS = 86_400_000;

export async function markLaneSeen(redis: Redis, consumer: string): Promise<void> {
  await redis.zadd(redisKey(SEEN), await redisNow(redis), consumer);
}

/** Run by each worker as it starts. */
export async function forgetOldLanes(redis: Redis): Promise<void> {
  await redis.zremrangebyscore(redisKey(SEEN), '-inf', String((await redisNow(redis)) - FORGET_AFTER_MS));
}

/** Consumer name → when its lane last went round its loop (ms, Redis time). */
export async function lanesLastSeen(redis: Redis): Promise<Map<string, number>> {
  const flat = await redis.zrange(redisKey(SEEN), '0', '-1', 'WITHSCORES');
  const seen = new Map<string, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) seen.set(flat[i], Number(flat[i + 1]));
  return seen;
}
