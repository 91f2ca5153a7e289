// The event worker loop: reads the ingest stream in a consumer group (reclaiming what dead workers left), hands each
// batch to the digest, and trims what every worker has acknowledged. Stream commands live in lib/queue, storing in
// lib/digest.
import { createRedis } from '../lib/redis.ts';
import { closeSqlPool } from '../lib/sql.ts';
import { config } from '../lib/config.ts';
import { claimAbandoned, ensureConsumerGroup, readNew, trimAcknowledged } from '../lib/queue/eventStream.ts';
import { digestMessages, type OnStored } from '../lib/digest/digestMessages.ts';
import { forgetOldLanes, markLaneSeen } from '../lib/queue/workerPresence.ts';
import { log } from '../lib/log.ts';
import { closeWorkerResolver } from '../lib/sourcemaps/resolveWorker.ts';
import { metrics } from '../lib/metrics/metrics.ts';

const TRIM_EVERY_MS = 1000;
const READ_BLOCK_MS = 1000;

export async function runEventWorker(opts: { onStored?: OnStored } = {}): Promise<void> {
  const c = config();
  let stopping = false;
  const stop = () => (stopping = true);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  const setup = createRedis();
  await ensureConsumerGroup(setup);
  await forgetOldLanes(setup);
  setup.disconnect();
  log.info('worker ready', { batch: c.WORKER_BATCH_SIZE, lanes: c.WORKER_CONCURRENCY });
  // Lanes overlap one batch's CPU work (parsing, grouping) with another's database round trips. Their consumer
  // names share the process's pid and start, so Admin → Status shows them as one worker.
  const name = `worker-${process.pid}-${Date.now()}`;
  await Promise.all(
    Array.from({ length: c.WORKER_CONCURRENCY }, (_, lane) => runLane(name, lane, () => stopping, opts.onStored)),
  );
  await Promise.all([closeSqlPool(), closeWorkerResolver()]);
}

async function runLane(worker: string, lane: number, stopping: () => boolean, onStored?: OnStored): Promise<void> {
  const c = config();
  // Each lane blocks on its own connection and reads as its own consumer.
  const redis = createRedis();
  const consumer = `${worker}-${lane}`;
  let lastTrim = 0;
  while (!stopping()) {
    try {
      // Not awaited: it travels beside the loop's own commands and costs it no round trip.
      void markLaneSeen(redis, consumer).catch(() => undefined);
      const reclaimed = await claimAbandoned(redis, consumer, c.WORKER_CLAIM_IDLE_MS, c.WORKER_BATCH_SIZE);
      if (reclaimed.length) await timed(digestMessages(redis, reclaimed, onStored));
      const fresh = await readNew(redis, consumer, c.WORKER_BATCH_SIZE, READ_BLOCK_MS);
      if (fresh.length) await timed(digestMessages(redis, fresh, onStored));
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

async function timed(batch: Promise<void>): Promise<void> {
  const end = metrics().batches.startTimer();
  try {
    await batch;
  } finally {
    end();
  }
}
