// The one Redis connection factory, and the names of every key Faultline uses.
import { Redis } from 'ioredis';
import { config } from './config.ts';
import { log } from './log.ts';

/** Every key goes through here so REDIS_PREFIX isolates installs and test runs. */
export function redisKey(name: string): string {
  return config().REDIS_PREFIX + name;
}

export interface RedisOptions {
  lazyConnect?: boolean;
  autoPipelining?: boolean;
  commandTimeoutMs?: number;
  /**
   * false: a command issued while disconnected fails at once instead of waiting to be sent after a reconnect
   * (the ingest edge: its 503 must mean "not queued", never "queued later").
   */
  offlineQueue?: boolean;
  /** Names the connection in its log lines. */
  name?: string;
}

/**
 * Logs one line when the connection is lost and one when it is back. Without an `error` listener ioredis prints
 * "[ioredis] Unhandled error event" for every reconnect attempt, a flood for as long as Redis is down.
 */
function logOutages(r: Redis, name: string): Redis {
  let down = false;
  r.on('error', (err: Error) => {
    if (down) return;
    down = true;
    log.error('Redis connection lost; reconnecting', { connection: name, error: err.message });
  });
  r.on('ready', () => {
    if (!down) return;
    down = false;
    log.warn('Redis connection restored', { connection: name });
  });
  return r;
}

export function createRedis(opts: RedisOptions = {}): Redis {
  const r = new Redis(config().REDIS_URL, {
    lazyConnect: opts.lazyConnect ?? false,
    maxRetriesPerRequest: 3,
    enableOfflineQueue: opts.offlineQueue ?? true,
    // Commands issued in the same tick share one write: many concurrent small requests (the ingest edge).
    enableAutoPipelining: opts.autoPipelining ?? false,
    // Rejects a command Redis has not answered in time, also one still waiting in the offline queue for a
    // connection. Not for blocking reads (XREADGROUP BLOCK), which wait on purpose.
    commandTimeout: opts.commandTimeoutMs,
  });
  return logOutages(r, opts.name ?? 'redis');
}

/**
 * Resolves once the connection is ready. A connection still making its first (or a new) connection is waited for
 * up to `ms`; one waiting out its reconnect delay fails at once. For connections without an offline queue, whose
 * commands fail unless the connection is ready.
 */
export async function whenReady(r: Redis, ms: number): Promise<void> {
  if (r.status === 'ready') return;
  if (r.status !== 'wait' && r.status !== 'connecting' && r.status !== 'connect')
    throw new Error(`Redis connection is ${r.status}`);
  if (r.status === 'wait') r.connect().catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis connection not ready in ${ms} ms`)), ms);
  });
  try {
    await Promise.race([readyEvent(r), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// One 'ready' listener per connection however many requests wait: a burst of SDK requests arriving while the
// edge's connection is still being made used to add one each (Node's "possible EventEmitter memory leak" warning).
const readyWaits = new WeakMap<Redis, Promise<void>>();
function readyEvent(r: Redis): Promise<void> {
  let wait = readyWaits.get(r);
  if (!wait) {
    wait = new Promise<void>((resolve) =>
      r.once('ready', () => {
        readyWaits.delete(r);
        resolve();
      }),
    );
    readyWaits.set(r, wait);
  }
  return wait;
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
