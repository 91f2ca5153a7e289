// Health of the parts Faultline needs: the database, Redis, and the event queue's consumer group on it.
import { db } from './db.ts';
import { config } from './config.ts';
import { queueIsRead } from './queue/eventStream.ts';
import { queueStats } from './queue/queueStats.ts';
import { redis } from './redis.ts';

async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (t = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  );
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

/**
 * Redis that answers but has lost the consumer group (restarted empty, failed over to a fresh replica) takes
 * events that no worker reads until one recreates the group: that is reported as `event queue`.
 */
async function checkRedis(): Promise<string | null> {
  try {
    await within(redis().ping(), 2000);
  } catch {
    return 'redis';
  }
  const read = await within(queueIsRead(redis()), 2000).catch(() => false);
  return read ? null : 'event queue (events wait with no consumer group: no worker has run since Redis lost its data)';
}

export async function checkHealth(): Promise<{ ok: boolean; failing: string[] }> {
  const failing: string[] = [];
  await Promise.all([
    within(db().$queryRaw`SELECT 1`, 2000).catch(() => failing.push('database')),
    checkRedis().then((f) => f && failing.push(f)),
  ]);
  return { ok: failing.length === 0, failing: failing.sort() };
}

export interface HealthAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * The /_health/ answer: 200 `ok`; 503 naming the parts that do not answer; or 200 with a JSON
 * `{"status": "degraded", "reason": ...}` when events wait longer than HEALTH_MAX_QUEUE_LAG_SECONDS (workers
 * down or too few): still up, so a load balancer keeps sending, but an operator's check sees it.
 */
export async function healthAnswer(): Promise<HealthAnswer> {
  const h = await checkHealth();
  if (!h.ok) return { status: 503, contentType: 'text/plain', body: `unavailable: ${h.failing.join(', ')}` };
  const max = config().HEALTH_MAX_QUEUE_LAG_SECONDS;
  const lag = await within(queueStats(redis()), 2000).then(
    (s) => s.lagSeconds,
    () => 0,
  );
  if (max > 0 && lag > max) {
    const reason = `queue lag ${Math.round(lag)} s is over HEALTH_MAX_QUEUE_LAG_SECONDS (${max} s)`;
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ status: 'degraded', reason }) };
  }
  return { status: 200, contentType: 'text/plain', body: 'ok' };
}
