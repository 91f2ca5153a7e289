// Admin → Status: one read of everything an operator watches, for /api/0/internal/status/.
import type { Redis } from 'ioredis';
import type { Db } from '../db.ts';
import { readThroughput } from '../metrics/throughput.ts';
import { queueStats } from '../queue/queueStats.ts';
import { redisNow } from '../queue/redisClock.ts';
import { lanesLastSeen } from '../queue/workerPresence.ts';
import type { StatusReport } from './contract.ts';
import { readStorage } from './storage.ts';
import { workersSeen } from './workers.ts';

export async function readStatus(db: Db, redis: Redis): Promise<StatusReport> {
  // The per-minute counters are keyed by Redis's clock; reading by it too keeps the current minute the last one.
  const now = await redisNow(redis);
  const [throughput, queue, lastSeen, storage] = await Promise.all([
    readThroughput(redis, now),
    queueStats(redis),
    lanesLastSeen(redis),
    readStorage(db),
  ]);
  const { workers, stale } = workersSeen(queue.consumers, lastSeen, now);
  return {
    at: new Date(now).toISOString(),
    throughput,
    queue: {
      length: queue.length,
      pending: queue.pending,
      undelivered: queue.undelivered,
      lagSeconds: queue.lagSeconds,
      deadLetters: queue.deadLetters,
    },
    workers,
    staleWorkers: stale,
    storage,
  };
}
