// The alert delivery loop: sends what evaluateAlerts enqueued. Several processes may run it (rows are
// claimed with FOR UPDATE SKIP LOCKED); it polls, since a due retry is a time and not an event.
import { db } from '../lib/db.ts';
import { createRedis } from '../lib/redis.ts';
import { log } from '../lib/log.ts';
import { processDueDeliveries } from '../lib/alerts/delivery.ts';

const IDLE_POLL_MS = 500;

export async function runAlertWorker(opts: { signal?: AbortSignal } = {}): Promise<void> {
  const redis = createRedis();
  let stopping = false;
  const stop = () => (stopping = true);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  opts.signal?.addEventListener('abort', stop);
  log.info('alert worker ready');
  while (!stopping) {
    try {
      const handled = await processDueDeliveries(db(), redis);
      if (handled === 0) await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
    } catch (e) {
      log.error('alert worker loop error', { err: e });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  process.off('SIGTERM', stop);
  process.off('SIGINT', stop);
  redis.disconnect();
}
