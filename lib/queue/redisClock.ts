// How far Redis's clock is from this process's, so a deadline can be handed to a script that Redis checks itself.
import type { Redis } from 'ioredis';

const offsets = new WeakMap<Redis, Promise<number>>();
const watched = new WeakSet<Redis>();

async function measure(redis: Redis): Promise<number> {
  const before = Date.now();
  const [s, us] = await redis.time();
  const after = Date.now();
  // Redis read its clock somewhere in the round trip: assume the middle (error at most half the round trip).
  return Number(s) * 1000 + Math.floor(Number(us) / 1000) - (before + after) / 2;
}

/** Now by Redis's clock (ms): what keys and deadlines shared by every process are reckoned in. */
export async function redisNow(redis: Redis): Promise<number> {
  return Date.now() + (await redisClockOffset(redis));
}

/** Redis time minus local time in ms, measured once per connection (again after each reconnect: a failover). */
export function redisClockOffset(redis: Redis): Promise<number> {
  if (!watched.has(redis)) {
    watched.add(redis);
    redis.on('ready', () => offsets.delete(redis));
  }
  let p = offsets.get(redis);
  if (!p) {
    p = measure(redis);
    offsets.set(redis, p);
    p.catch(() => offsets.get(redis) === p && offsets.delete(redis));
  }
  return p;
}
