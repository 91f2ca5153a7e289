// The one Redis connection factory, and the names of every key Faultline uses.
import { Redis } from 'ioredis';
import { config } from './config.ts';

/** Every key goes through here so REDIS_PREFIX isolates installs and test runs. */
export function redisKey(name: string): string {
  return config().REDIS_PREFIX + name;
}

export function createRedis(
  opts: { lazyConnect?: boolean; autoPipelining?: boolean; commandTimeoutMs?: number } = {},
): Redis {
  return new Redis(config().REDIS_URL, {
    lazyConnect: opts.lazyConnect ?? false,
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    // Commands issued in the same tick share one write: many concurrent small requests (the ingest edge).
    enableAutoPipelining: opts.autoPipelining ?? false,
    // Rejects a command Redis has not answered in time, also one still waiting in the offline queue for a
    // connection. Not for blocking reads (XREADGROUP BLOCK), which wait on purpose.
    commandTimeout: opts.commandTimeoutMs,
  });
}

const globalForRedis = globalThis as unknown as { faultlineRedis?: Redis };

/** The shared command connection of the process (blocking reads need their own: use createRedis). */
export function redis(): Redis {
  globalForRedis.faultlineRedis ??= createRedis();
  return globalForRedis.faultlineRedis;
}

export async function closeRedis(): Promise<void> {
  await globalForRedis.faultlineRedis?.quit().catch(() => undefined);
  globalForRedis.faultlineRedis = undefined;
}
