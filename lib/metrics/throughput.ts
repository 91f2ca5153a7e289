// Events accepted and stored per minute, summed over every ingest and worker process: one small Redis hash per
// minute (Admin → Status). Prometheus counters are per process; this is the install-wide view without a scraper.
import type { ChainableCommander, Redis } from 'ioredis';
import { redisKey } from '../redis.ts';

/** The page shows an hour; the hashes live a little longer so the oldest minute is still whole when read. */
export const THROUGHPUT_MINUTES = 60;
export const THROUGHPUT_TTL_SECONDS = 2 * 3600;

export interface ThroughputMinute {
  /** Start of the minute, ISO (by Redis's clock: every process counts into the same minute). */
  minute: string;
  accepted: number;
  stored: number;
}

export const minuteOf = (ms: number) => Math.floor(ms / 60_000);

export function throughputKey(minute: number): string {
  return redisKey(`throughput:${minute}`);
}

/**
 * Adds a committed batch's stored events to their minute, on a pipeline the caller sends anyway (the worker's
 * XACK), so counting costs no round trip. `redisNowMs`: now by Redis's clock (redisNow).
 */
export function countStored(pipeline: ChainableCommander, events: number, redisNowMs: number): void {
  const key = throughputKey(minuteOf(redisNowMs));
  pipeline.hincrby(key, 'stored', events).expire(key, THROUGHPUT_TTL_SECONDS);
}

/**
 * The series from the `minutes` hashes' `[accepted, stored]` fields (missing = 0), oldest first, the last one being
 * the minute `lastMinute` (still counting).
 */
export function throughputSeries(lastMinute: number, fields: (string | null)[][]): ThroughputMinute[] {
  const first = lastMinute - fields.length + 1;
  return fields.map(([accepted, stored], i) => ({
    minute: new Date((first + i) * 60_000).toISOString(),
    accepted: Number(accepted ?? 0),
    stored: Number(stored ?? 0),
  }));
}

/** The last `minutes` minutes up to the current one (one round trip). */
export async function readThroughput(
  redis: Redis,
  redisNowMs: number,
  minutes = THROUGHPUT_MINUTES,
): Promise<ThroughputMinute[]> {
  const last = minuteOf(redisNowMs);
  const p = redis.pipeline();
  for (let m = last - minutes + 1; m <= last; m++) p.hmget(throughputKey(m), 'accepted', 'stored');
  const results = (await p.exec()) ?? [];
  const fields = results.map(([err, v]) => {
    if (err) throw err;
    return v as (string | null)[];
  });
  return throughputSeries(last, fields);
}
