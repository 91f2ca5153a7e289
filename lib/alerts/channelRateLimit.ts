// Send slots per robot in a sliding window, shared by every worker process through Redis (one Lua call is atomic).
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisKey } from '../redis.ts';
import type { RateLimit } from './deliveryPlan.ts';

const RESERVE = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local win = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local want = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - win)
local grant = math.max(0, math.min(want, limit - redis.call('ZCARD', key)))
for i = 1, grant do redis.call('ZADD', key, now, ARGV[5] .. ':' .. i) end
redis.call('PEXPIRE', key, win)
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
local freeAt = 0
if #oldest > 0 then freeAt = tonumber(oldest[2]) + win end
return {grant, freeAt}
`;

export interface Reservation {
  granted: number;
  /** The slots taken, to be stamped with the moment each message actually goes out. */
  slots: string[];
  /** When the oldest slot in the window frees up (epoch ms); 0 when the window is empty. */
  freeAt: number;
}

// Query parameters that change per message (DingTalk's signature) and so do not name the robot.
const PER_MESSAGE_PARAMS = new Set(['timestamp', 'sign']);

/**
 * The robot a channel posts to, for its rate limit: robots count messages per webhook (URL and token), so two
 * channels on one robot share one window. Hashed, so the Redis key holds no token.
 */
export function robotKey(channel: { id: number; config: unknown }): string {
  const raw = (channel.config as { webhookUrl?: unknown } | null)?.webhookUrl;
  let u: URL;
  try {
    u = new URL(String(raw));
  } catch {
    return `channel:${channel.id}`;
  }
  const params = [...u.searchParams].filter(([k]) => !PER_MESSAGE_PARAMS.has(k)).sort(([a], [b]) => a.localeCompare(b));
  const id = `${u.origin.toLowerCase()}${u.pathname.replace(/\/+$/, '')}?${new URLSearchParams(params)}`;
  return `robot:${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
}

/** Takes up to `wanted` send slots on a robot (see robotKey) now. */
export async function reserveSlots(
  redis: Redis,
  robot: string,
  limit: RateLimit,
  wanted: number,
  now = Date.now(),
): Promise<Reservation> {
  const tag = randomBytes(4).toString('hex');
  const [granted, freeAt] = (await redis.eval(
    RESERVE,
    1,
    redisKey(`alerts:rate:${robot}`),
    now,
    limit.windowMs,
    limit.limit,
    wanted,
    `${now}:${tag}`,
  )) as [number, number];
  const prefix = `${now}:${tag}`;
  return { granted, freeAt, slots: Array.from({ length: granted }, (_, i) => `${prefix}:${i + 1}`) };
}

/**
 * Moves a slot to the moment its message is sent: messages of one reservation go out one after another, and
 * the robot counts them when they arrive, not when Faultline reserved them.
 */
export async function stampSlot(redis: Redis, robot: string, slot: string, now = Date.now()): Promise<void> {
  await redis.zadd(redisKey(`alerts:rate:${robot}`), 'XX', now, slot);
}
