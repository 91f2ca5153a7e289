// Per-project daily outcome counts: incremented in Redis on the ingest path, moved to PostgreSQL by the cron.
import type { Redis } from 'ioredis';
import { config } from '../config.ts';
import { log } from '../log.ts';
import { redisKey } from '../redis.ts';
import type { Sql } from '../sql.ts';
import { parseUsageKey, usageField, usageKey, USAGE_DIRTY, USAGE_TTL_SECONDS } from './usageKeys.ts';

/** Adds counts to a project's usage of today (one round trip). */
export async function recordUsage(redis: Redis, projectId: number, fields: [string, number][], now = Date.now()) {
  if (fields.length === 0) return;
  const key = usageKey(projectId, new Date(now).toISOString().slice(0, 10));
  const m = redis.multi();
  for (const [field, n] of fields) m.hincrby(key, field, n);
  await m.expire(key, USAGE_TTL_SECONDS).sadd(redisKey(USAGE_DIRTY), key).exec();
}

export function outcome(outcomeName: 'refused' | 'rate_limited', reason: string, events: number): [string, number] {
  return [usageField(outcomeName, 'error', reason), events];
}

// Read and delete in one step, so an increment between the two is never lost.
const TAKE = `local v = redis.call('HGETALL', KEYS[1]) redis.call('DEL', KEYS[1]) return v`;

/**
 * Moves every changed usage hash into ProjectUsageDaily (adding to what is there). A hash whose write fails is
 * put back, so a database outage delays counts instead of losing them. Returns the hashes moved.
 */
export async function flushUsage(redis: Redis, sql: Sql): Promise<number> {
  const prefix = config().REDIS_PREFIX;
  let moved = 0;
  for (;;) {
    const keys = await redis.spop(redisKey(USAGE_DIRTY), 100);
    if (keys.length === 0) return moved;
    for (const key of keys) {
      const at = parseUsageKey(key, prefix);
      if (!at) continue;
      const flat = (await redis.eval(TAKE, 1, key)) as string[];
      const rows: { outcome: string; category: string; reason: string; quantity: number }[] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const [o, category, reason] = flat[i].split('|');
        rows.push({ outcome: o, category: category ?? '', reason: reason ?? '', quantity: Number(flat[i + 1]) });
      }
      if (rows.length === 0) continue;
      try {
        await sql.run(
          `INSERT INTO "ProjectUsageDaily" ("projectId", "day", "outcome", "category", "reason", "quantity")
           SELECT $1, $2::date, r.o, r.c, r.r, r.q
           FROM unnest($3::text[], $4::text[], $5::text[], $6::bigint[]) AS r(o, c, r, q)
           WHERE EXISTS (SELECT 1 FROM "Project" WHERE id = $1)
           ON CONFLICT ("projectId", "day", "outcome", "category", "reason")
           DO UPDATE SET "quantity" = "ProjectUsageDaily"."quantity" + EXCLUDED."quantity"`,
          at.projectId,
          at.day,
          rows.map((r) => r.outcome),
          rows.map((r) => r.category),
          rows.map((r) => r.reason),
          rows.map((r) => r.quantity),
        );
        moved++;
      } catch (err) {
        log.error('usage counts could not be stored; kept in Redis for the next run', { err, key });
        await recordUsage(
          redis,
          at.projectId,
          rows.map((r) => [usageField(r.outcome, r.category, r.reason), r.quantity]),
          Date.parse(`${at.day}T12:00:00Z`),
        );
        throw err;
      }
    }
  }
}
