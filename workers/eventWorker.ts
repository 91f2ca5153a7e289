// The event worker: reads the ingest stream in a consumer group, stores each event, acknowledges after commit.
import { createRedis } from '../lib/redis.ts';
import { db } from '../lib/db.ts';
import { config } from '../lib/config.ts';
import { CONSUMER_GROUP, deadLetterKey, decodeMessage, ensureConsumerGroup, streamKey } from '../lib/queue/eventStream.ts';
import { storeEvent } from '../lib/issues/storeEvent.ts';
import { log } from '../lib/log.ts';

type Entries = [string, string[]][];

export async function runEventWorker(): Promise<void> {
  const c = config();
  const redis = createRedis();
  const consumer = `worker-${process.pid}-${Date.now()}`;
  await ensureConsumerGroup(redis);
  let stopping = false;
  const stop = () => (stopping = true);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  log.info('worker ready', { consumer });

  const handle = async (entries: Entries) => {
    for (const [id, fields] of entries) {
      const msg = decodeMessage(id, fields);
      try {
        if (!msg.event) throw new Error('message is not valid JSON');
        await storeEvent(db(), msg.event);
        await redis.xack(streamKey(), CONSUMER_GROUP, id);
      } catch (e) {
        // Bad payloads (and anything that keeps failing) go to the dead-letter stream instead of being retried forever.
        const pending = (await redis.xpending(streamKey(), CONSUMER_GROUP, id, id, 1)) as [string, string, number, number][];
        const deliveries = pending[0]?.[3] ?? 1;
        const permanent = !msg.event || e instanceof SyntaxError || (e as Error).name === 'EventError';
        if (permanent || deliveries >= c.WORKER_MAX_DELIVERIES) {
          await redis.xadd(deadLetterKey(), 'MAXLEN', '~', '10000', '*', 'e', msg.raw, 'error', String((e as Error).message), 'id', id);
          await redis.xack(streamKey(), CONSUMER_GROUP, id);
          log.warn('event sent to dead-letter stream', { id, error: (e as Error).message });
        } else {
          log.error('storing event failed; will retry', { id, err: e });
        }
      }
    }
  };

  while (!stopping) {
    try {
      // Take over what a dead worker read but never acknowledged.
      const claimed = (await redis.xautoclaim(streamKey(), CONSUMER_GROUP, consumer, c.WORKER_CLAIM_IDLE_MS, '0', 'COUNT', c.WORKER_BATCH_SIZE)) as [string, Entries];
      if (claimed[1]?.length) await handle(claimed[1].filter(([, f]) => f));
      const res = (await redis.xreadgroup('GROUP', CONSUMER_GROUP, consumer, 'COUNT', c.WORKER_BATCH_SIZE, 'BLOCK', 1000, 'STREAMS', streamKey(), '>')) as [string, Entries][] | null;
      if (res) await handle(res[0][1]);
    } catch (e) {
      log.error('worker loop error', { err: e });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  redis.disconnect();
  await db().$disconnect();
}
