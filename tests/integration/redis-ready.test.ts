// Waiting for a Redis connection to be ready, as the ingest edge does for a burst of SDK requests arriving while
// its connection is still being made: every waiter is answered, with one 'ready' listener however many wait.
import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis, whenReady } from '../../lib/redis.ts';

let conn: Redis | undefined;
afterEach(() => conn?.disconnect());

describe('whenReady', () => {
  it('answers 50 concurrent waiters through one listener, and leaves none behind', async () => {
    conn = createRedis({ lazyConnect: true, offlineQueue: false });
    const before = conn.listenerCount('ready');
    const waits = Array.from({ length: 50 }, () => whenReady(conn!, 5000));
    expect(conn.listenerCount('ready')).toBe(before + 1);
    await Promise.all(waits);
    expect(conn.status).toBe('ready');
    expect(conn.listenerCount('ready')).toBe(before);
    await whenReady(conn, 10); // already ready: no wait, no listener
    expect(await conn.ping()).toBe('PONG');
  });

  it('fails a waiter after its time when Redis does not answer', async () => {
    // A port nothing listens on: the connection never becomes ready.
    conn = createRedis({ lazyConnect: true, offlineQueue: false });
    conn.options.port = 1;
    await expect(whenReady(conn, 300)).rejects.toThrow(/not ready|Redis connection is/);
  });
});
