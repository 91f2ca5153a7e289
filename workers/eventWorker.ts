// The event worker: reads the ingest stream in a consumer group. (Grouping and storage land with the ingest issue.)
import { createRedis } from '../lib/redis.ts';
import { ensureConsumerGroup } from '../lib/queue/eventStream.ts';
import { log } from '../lib/log.ts';

export async function runEventWorker(): Promise<void> {
  const redis = createRedis();
  await ensureConsumerGroup(redis);
  log.info('worker ready');
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
  redis.disconnect();
}
