// The raw SQL of alert delivery: claiming due deliveries across worker processes.
import type { Db } from '../../db.ts';

export interface ClaimedDelivery {
  id: bigint;
  channelId: number;
  ruleId: number | null;
  issueId: number | null;
  attempts: number;
  payload: unknown;
}

/**
 * Claims up to `limit` due pending deliveries for `leaseSeconds`: several worker processes skip each other's
 * rows (SKIP LOCKED), and a worker that dies mid-send leaves its rows to be retried when the lease ends.
 */
export async function claimDueDeliveries(db: Db, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  return db.$queryRaw<ClaimedDelivery[]>`
    UPDATE "AlertDelivery" SET "nextAttemptAt" = now() + make_interval(secs => ${leaseSeconds})
    WHERE id IN (
      SELECT id FROM "AlertDelivery" WHERE status = 'pending' AND "nextAttemptAt" <= now()
      ORDER BY "nextAttemptAt", id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, "channelId", "ruleId", "issueId", attempts, payload`;
}
