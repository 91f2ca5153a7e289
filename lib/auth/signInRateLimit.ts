// Brute-force protection: failed sign-ins counted per username and per client IP in Redis, in a fixed window.
import { createHash } from 'node:crypto';
import { config } from '../config.ts';
import { redis, redisKey } from '../redis.ts';

export interface SignInLimits {
  perUser: number;
  perIp: number;
  windowSeconds: number;
}

export function signInLimits(): SignInLimits {
  const c = config();
  return {
    perUser: c.AUTH_MAX_FAILURES_PER_USER,
    perIp: c.AUTH_MAX_FAILURES_PER_IP,
    windowSeconds: c.AUTH_FAILURE_WINDOW_SECONDS,
  };
}

// Usernames are hashed so the key space holds no typed secrets (people type passwords into the name field).
const userKey = (username: string) =>
  redisKey(`auth:fail:user:${createHash('sha256').update(username.trim().toLowerCase()).digest('hex').slice(0, 32)}`);
const ipKey = (ip: string) => redisKey(`auth:fail:ip:${ip}`);

/** Seconds until the caller may try again, or 0 when a sign-in attempt is allowed. */
export async function signInBlockedFor(username: string, ip: string | null, limits = signInLimits()): Promise<number> {
  const keys = [userKey(username), ...(ip ? [ipKey(ip)] : [])];
  const counts = await redis().mget(...keys);
  const caps = [limits.perUser, limits.perIp];
  let wait = 0;
  for (let i = 0; i < keys.length; i++) {
    if (caps[i] > 0 && Number(counts[i] ?? 0) >= caps[i])
      wait = Math.max(wait, Math.max(1, await redis().ttl(keys[i])));
  }
  return wait;
}

export async function recordSignInFailure(username: string, ip: string | null, limits = signInLimits()): Promise<void> {
  const m = redis().multi();
  for (const key of [userKey(username), ...(ip ? [ipKey(ip)] : [])]) {
    m.incr(key);
    // NX: the window starts at the first failure and is not extended by later ones.
    m.expire(key, limits.windowSeconds, 'NX');
  }
  await m.exec();
}

/** A successful sign-in forgives the username's failures (not the IP's: one IP may try many names). */
export async function clearSignInFailures(username: string): Promise<void> {
  await redis().del(userKey(username));
}
