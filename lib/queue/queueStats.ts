// What an operator watches on the event queue: backlog, lag, the workers the consumer group has seen, dead letters
// (metrics, /_health/, the admin status). Read-only; the stream commands themselves live in eventStream.ts.
import type { Redis } from 'ioredis';
import { CONSUMER_GROUP, deadLetterKey, fieldMap, streamKey } from './eventStream.ts';

export interface QueueStats {
  /** Entries on the stream (stored ones stay until trimmed). */
  length: number;
  /** Read by a worker, not yet acknowledged. */
  pending: number;
  /** Not yet read by any worker. */
  undelivered: number;
  /** Age of the oldest event not yet stored: pending or never read (0 when the queue is empty). */
  lagSeconds: number;
  consumers: { name: string; pending: number; idleSeconds: number }[];
  deadLetters: number;
}

const ageSeconds = (id: string | null | undefined, now: number) =>
  id ? Math.max(0, (now - Number(id.split('-')[0])) / 1000) : 0;

/** What an operator watches: backlog, lag, the workers the group has seen, dead letters. */
export async function queueStats(redis: Redis): Promise<QueueStats> {
  const key = streamKey();
  const [length, deadLetters] = await Promise.all([redis.xlen(key), redis.xlen(deadLetterKey())]);
  const groups = ((await redis.xinfo('GROUPS', key).catch(() => [])) as unknown[][]).map((g) => fieldMap(g));
  const group = groups.find((g) => g.get('name') === CONSUMER_GROUP);
  if (!group) {
    // No worker has created the group yet (or Redis lost it since): everything on the stream waits.
    const [first] = length ? await redis.xrange(key, '-', '+', 'COUNT', 1) : [];
    const lagSeconds = ageSeconds(first?.[0], Date.now());
    return { length, pending: 0, undelivered: length, lagSeconds, consumers: [], deadLetters };
  }
  const now = Date.now();
  const lastDelivered = String(group.get('last-delivered-id') ?? '0-0');
  const [summary, firstUndelivered, consumers] = await Promise.all([
    redis.xpending(key, CONSUMER_GROUP) as Promise<[number, string | null, string | null, unknown]>,
    redis.xrange(key, `(${lastDelivered}`, '+', 'COUNT', 1),
    redis.xinfo('CONSUMERS', key, CONSUMER_GROUP) as Promise<unknown[][]>,
  ]);
  const pending = Number(summary[0]);
  return {
    length,
    pending,
    // Redis 7 counts the group's lag itself; it is null when it cannot tell (after deletions).
    undelivered: Number(group.get('lag') ?? (firstUndelivered.length ? 1 : 0)),
    lagSeconds: Math.max(ageSeconds(pending ? summary[1] : null, now), ageSeconds(firstUndelivered[0]?.[0], now)),
    consumers: consumers.map((c) => {
      const f = fieldMap(c);
      return {
        name: String(f.get('name')),
        pending: Number(f.get('pending')),
        idleSeconds: Number(f.get('idle')) / 1000,
      };
    }),
    deadLetters,
  };
}
