// Merging issues into the one with the most events: events, hashes (so future events follow), distinct users,
// hourly counts and tag values move to it with their counts added; the others are deleted. One transaction.
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db.ts';

export interface MergeResult {
  parent: number;
  children: number[];
}

/** Moving the events of big issues takes a while; Prisma's default transaction timeout is 5 s. */
const MERGE_TIMEOUT_MS = 120_000;

export async function mergeIssues(db: Db, issueIds: number[]): Promise<MergeResult> {
  return db.$transaction(async (tx) => {
    // Locks the issues (in id order, as the worker does) so no event is counted into a child while it moves.
    const rows = await tx.$queryRaw<{ id: number; eventCount: bigint }[]>`
      SELECT id, "eventCount" FROM "Issue" WHERE id IN (${Prisma.join(issueIds)}) ORDER BY id FOR UPDATE`;
    const parent = [...rows].sort((a, b) => (b.eventCount > a.eventCount ? 1 : b.eventCount < a.eventCount ? -1 : a.id - b.id))[0].id;
    const children = rows.map((r) => r.id).filter((id) => id !== parent);
    if (children.length === 0) return { parent, children };
    const kids = Prisma.join(children);
    const all = Prisma.join([parent, ...children]);

    await tx.$executeRaw`UPDATE "Event" SET "issueId" = ${parent} WHERE "issueId" IN (${kids})`;
    await tx.$executeRaw`UPDATE "IssueHash" SET "issueId" = ${parent} WHERE "issueId" IN (${kids})`;
    await tx.$executeRaw`
      INSERT INTO "IssueUser" ("issueId", "userKey", "firstSeen")
      SELECT ${parent}, "userKey", MIN("firstSeen") FROM "IssueUser" WHERE "issueId" IN (${kids}) GROUP BY "userKey"
      ON CONFLICT ("issueId", "userKey") DO UPDATE SET "firstSeen" = LEAST("IssueUser"."firstSeen", EXCLUDED."firstSeen")`;
    await tx.$executeRaw`
      INSERT INTO "IssueHourlyCount" ("issueId", "hour", "count")
      SELECT ${parent}, "hour", SUM("count") FROM "IssueHourlyCount" WHERE "issueId" IN (${kids}) GROUP BY "hour"
      ON CONFLICT ("issueId", "hour") DO UPDATE SET "count" = "IssueHourlyCount"."count" + EXCLUDED."count"`;
    await tx.$executeRaw`
      INSERT INTO "IssueTagValue" ("issueId", "key", "value", "count", "firstSeen", "lastSeen")
      SELECT ${parent}, "key", "value", SUM("count"), MIN("firstSeen"), MAX("lastSeen") FROM "IssueTagValue"
      WHERE "issueId" IN (${kids}) GROUP BY "key", "value"
      ON CONFLICT ("issueId", "key", "value") DO UPDATE SET "count" = "IssueTagValue"."count" + EXCLUDED."count",
        "firstSeen" = LEAST("IssueTagValue"."firstSeen", EXCLUDED."firstSeen"),
        "lastSeen" = GREATEST("IssueTagValue"."lastSeen", EXCLUDED."lastSeen")`;
    // Aggregates over all merged issues; releases from the earliest first and the latest last sighting.
    await tx.$executeRaw`
      UPDATE "Issue" p SET
        "eventCount" = a.events, "firstSeen" = a."firstSeen", "lastSeen" = a."lastSeen",
        "userCount" = (SELECT COUNT(*) FROM "IssueUser" u WHERE u."issueId" = ${parent}),
        "level" = (ARRAY['debug','info','warning','error','fatal'])[a.severity],
        "firstRelease" = (SELECT "firstRelease" FROM "Issue" WHERE id IN (${all}) AND "firstRelease" IS NOT NULL ORDER BY "firstSeen" LIMIT 1),
        "lastRelease" = (SELECT "lastRelease" FROM "Issue" WHERE id IN (${all}) AND "lastRelease" IS NOT NULL ORDER BY "lastSeen" DESC LIMIT 1)
      FROM (
        SELECT SUM("eventCount") AS events, MIN("firstSeen") AS "firstSeen", MAX("lastSeen") AS "lastSeen",
          MAX(COALESCE(array_position(ARRAY['debug','info','warning','error','fatal'], "level"), 4)) AS severity
        FROM "Issue" WHERE id IN (${all})
      ) a
      WHERE p.id = ${parent}`;
    await tx.$executeRaw`DELETE FROM "Issue" WHERE id IN (${kids})`;
    return { parent, children };
  }, { timeout: MERGE_TIMEOUT_MS });
}
