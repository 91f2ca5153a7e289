// The raw SQL of evaluating alert rules: window counts for frequency triggers, the throttle row lock.
import type { Db } from '../../db.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

/**
 * Events of an issue received since `since` (optionally in one environment), counted up to `cap` — enough to
 * decide "more than N". Uses the (issueId, received) index; counted at evaluation time, after the batch
 * committed, so the last evaluator of a burst sees every event of it.
 */
export async function countEventsSince(
  db: Db,
  issueId: number,
  since: Date,
  environment: string | null,
  cap: number,
): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM "Event" WHERE "issueId" = ${issueId} AND "received" >= ${since}
        AND (${environment}::text IS NULL OR "environment" = ${environment}::text)
      LIMIT ${cap}) t`;
  return Number(rows[0]?.n ?? 0);
}

/** Distinct users (userKey) among an issue's events received since `since`. */
export async function countUsersSince(
  db: Db,
  issueId: number,
  since: Date,
  environment: string | null,
): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(DISTINCT "userKey") AS n FROM "Event"
    WHERE "issueId" = ${issueId} AND "received" >= ${since} AND "userKey" IS NOT NULL
      AND (${environment}::text IS NULL OR "environment" = ${environment}::text)`;
  return Number(rows[0]?.n ?? 0);
}

/**
 * Locks the throttle row of (rule, issue) for the rest of the transaction, creating it as "never fired", and
 * returns when it last fired. A second worker deciding about the same pair waits here and then sees our update.
 */
export async function lockLastFired(tx: Tx, ruleId: number, issueId: number): Promise<Date | null> {
  const rows = await tx.$queryRaw<{ lastFiredAt: Date }[]>`
    INSERT INTO "AlertFire" ("ruleId", "issueId", "lastFiredAt") VALUES (${ruleId}, ${issueId}, to_timestamp(0))
    ON CONFLICT ("ruleId", "issueId") DO UPDATE SET "lastFiredAt" = "AlertFire"."lastFiredAt"
    RETURNING "lastFiredAt"`;
  const at = rows[0]?.lastFiredAt;
  return at && at.getTime() > 0 ? at : null;
}

export async function markFired(tx: Tx, ruleId: number, issueId: number, at: Date): Promise<void> {
  await tx.$executeRaw`UPDATE "AlertFire" SET "lastFiredAt" = ${at} WHERE "ruleId" = ${ruleId} AND "issueId" =
    ${issueId}`;
}
