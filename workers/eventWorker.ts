// The event worker: reads the ingest stream in a consumer group, stores each batch in one transaction,
// acknowledges after commit, and trims what every worker has acknowledged.
import type { Redis } from 'ioredis';
import { createRedis } from '../lib/redis.ts';
import { sqlPool, closeSqlPool } from '../lib/sql.ts';
import { config } from '../lib/config.ts';
import { CONSUMER_GROUP, decodeMessage, deadLetter, ensureConsumerGroup, streamKey, trimAcknowledged, type StreamMessage } from '../lib/queue/eventStream.ts';
import { prepareEvent, type PreparedEvent } from '../lib/issues/prepareEvent.ts';
import { storeEvents } from '../lib/issues/storeEvents.ts';
import type { StoredEvent } from '../lib/issues/types.ts';
import { log } from '../lib/log.ts';

type Entries = [string, string[] | null][];

/** Called with what each committed batch stored (alert rules); its failures are logged, never retried by the worker. */
export type OnStored = (stored: StoredEvent[]) => Promise<void>;

const TRIM_EVERY_MS = 1000;

export async function runEventWorker(opts: { onStored?: OnStored } = {}): Promise<void> {
  const c = config();
  let stopping = false;
  const stop = () => (stopping = true);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const setup = createRedis();
  await ensureConsumerGroup(setup);
  setup.disconnect();
  log.info('worker ready', { batch: c.WORKER_BATCH_SIZE, lanes: c.WORKER_CONCURRENCY });
  // Lanes overlap one batch's CPU work (parsing, grouping) with another's database round trips.
  await Promise.all(Array.from({ length: c.WORKER_CONCURRENCY }, (_, lane) => runLane(lane, () => stopping, opts.onStored)));
  await closeSqlPool();
}

async function runLane(lane: number, stopping: () => boolean, onStored?: OnStored): Promise<void> {
  const c = config();
  // Each lane blocks on its own connection and reads as its own consumer.
  const redis = createRedis();
  const consumer = `worker-${process.pid}-${Date.now()}-${lane}`;
  let lastTrim = 0;
  while (!stopping()) {
    try {
      // Take over what a dead worker read but never acknowledged.
      const claimed = (await redis.xautoclaim(streamKey(), CONSUMER_GROUP, consumer, c.WORKER_CLAIM_IDLE_MS, '0', 'COUNT', c.WORKER_BATCH_SIZE)) as [string, Entries, string[]?];
      // XAUTOCLAIM reports entries trimmed away as ids with no fields (Redis 7): nothing left to store, just acknowledge them.
      const gone = claimed[1]?.filter(([, f]) => !f).map(([id]) => id) ?? [];
      if (claimed[2]?.length) gone.push(...claimed[2]);
      if (gone.length) await redis.xack(streamKey(), CONSUMER_GROUP, ...gone);
      const reclaimed = (claimed[1] ?? []).filter((e): e is [string, string[]] => !!e[1]);
      if (reclaimed.length) await handleBatch(redis, reclaimed, onStored);
      const res = (await redis.xreadgroup('GROUP', CONSUMER_GROUP, consumer, 'COUNT', c.WORKER_BATCH_SIZE, 'BLOCK', 1000, 'STREAMS', streamKey(), '>')) as
        | [string, [string, string[]][]][]
        | null;
      if (res?.[0]?.[1]?.length) await handleBatch(redis, res[0][1], onStored);
      if (lane === 0 && Date.now() - lastTrim > TRIM_EVERY_MS) {
        lastTrim = Date.now();
        await trimAcknowledged(redis, c.WORKER_STREAM_RETENTION_SECONDS * 1000);
      }
    } catch (e) {
      log.error('worker loop error', { err: e, lane });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  redis.disconnect();
}

/** Permanent failures: input that will never store, however often it is retried. */
function isPermanent(e: unknown): boolean {
  return e instanceof SyntaxError || (e as Error)?.name === 'EventError';
}

async function handleBatch(redis: Redis, entries: [string, string[]][], onStored?: OnStored): Promise<void> {
  const prepared: { msg: StreamMessage; event: PreparedEvent }[] = [];
  for (const [id, fields] of entries) {
    const msg = decodeMessage(id, fields);
    try {
      if (!msg.event) throw new SyntaxError('message is not valid JSON');
      prepared.push({ msg, event: prepareEvent(msg.event) });
    } catch (e) {
      await fail(redis, msg, e);
    }
  }
  if (!prepared.length) return;
  try {
    const r = await storeEvents(sqlPool(), prepared.map((p) => p.event));
    await redis.xack(streamKey(), CONSUMER_GROUP, ...prepared.map((p) => p.msg.id));
    await report(r.stored, onStored);
  } catch (e) {
    // A database that is down is nobody's fault: leave the whole batch pending (reclaimed later), dead-letter nothing.
    await sqlPool().query('SELECT 1');
    // One bad event must not hold back the rest: store the batch one event at a time to find it.
    log.warn('batch failed; storing its events one by one', { size: prepared.length, error: String((e as Error).message) });
    for (const p of prepared) {
      try {
        const r = await storeEvents(sqlPool(), [p.event]);
        await redis.xack(streamKey(), CONSUMER_GROUP, p.msg.id);
        await report(r.stored, onStored);
      } catch (err) {
        await fail(redis, p.msg, err);
      }
    }
  }
}

async function report(stored: StoredEvent[], onStored?: OnStored) {
  if (!onStored || !stored.length) return;
  try {
    await onStored(stored);
  } catch (e) {
    log.error('after-store hook failed', { err: e });
  }
}

/** A message that cannot be stored goes to the dead-letter stream once it is hopeless; otherwise it stays pending for a retry. */
async function fail(redis: Redis, msg: StreamMessage, e: unknown) {
  const c = config();
  const pending = (await redis.xpending(streamKey(), CONSUMER_GROUP, msg.id, msg.id, 1)) as [string, string, number, number][];
  const deliveries = pending[0]?.[3] ?? 1;
  if (isPermanent(e) || deliveries >= c.WORKER_MAX_DELIVERIES) {
    await deadLetter(redis, msg, String((e as Error)?.message ?? e), deliveries);
    log.warn('event sent to dead-letter stream', { id: msg.id, error: (e as Error)?.message });
  } else {
    log.error('storing event failed; will retry', { id: msg.id, deliveries, err: e });
  }
}
