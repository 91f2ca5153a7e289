// Per-key event rate limits (ProjectKey.rateLimitPerMin) counted in Redis in fixed one-minute windows.
import type { Redis } from 'ioredis';
import { redisKey } from '../redis.ts';

const WINDOW_MS = 60_000;

/**
 * Counts `events` against the key's window; returns 0 when accepted, else the seconds until the window
 * resets (the Retry-After). Events of a refused request still count: a client ignoring 429 stays refused.
 */
export async function rateLimitedFor(
  redis: Redis,
  keyId: number,
  limitPerMin: number,
  events: number,
  now = Date.now(),
): Promise<number> {
  const window = Math.floor(now / WINDOW_MS);
  const key = redisKey(`ingest:rate:key:${keyId}:${window}`);
  const results = await redis.multi().incrby(key, events).expire(key, 120).exec();
  const [err, count] = results?.[0] ?? [new Error('rate limit transaction aborted'), 0];
  if (err) throw err;
  if (Number(count) <= limitPerMin) return 0;
  return Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
}

/** The headers SDKs read to back off: `<seconds>::key` means every category, scoped to this key. */
export function rateLimitHeaders(seconds: number): Record<string, string> {
  return { 'retry-after': String(seconds), 'x-sentry-rate-limits': `${seconds}::key` };
}
