// The raw SQL of merging issues: locking them, and moving a child's events, hashes, users, hourly counts and
// tag values into the parent with counts added.
import { Prisma } from '../../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

/** Locks the issues (in id order, as the worker does) so no event is counted into a child while it moves. */
export async function lockIssuesForMerge(tx: Tx, issueIds: number[]): Promise<{ id: number; eventCount: bigint }[]> {
  return tx.$queryRaw<{ id: number; eventCount: bigint }[]>`
    SELECT id, "eventCount" FROM "Issue" WHERE id IN (${Prisma.join(issueIds)}) ORDER BY id FOR UPDATE`;
}

/** Moves everything of `children` into `parent`, recomputes the parent's aggregates, deletes the children. */
export async function moveIntoParent(tx: Tx, parent: number, children: number[]): Promise<void> {
  const kids = Prisma.join(children);
  const all = Prisma.join([parent, ...children]);

  await tx.$executeRaw`UPDATE "Event" SET "issueId" = ${parent} WHERE "issueId" IN (${kids})`;
  await tx.$executeRaw`UPDATE "IssueHash" SET "issueId" = ${parent} WHERE "issueId" IN (${kids})`;
  await tx.$executeRaw`
    INSERT INTO "IssueUser" ("issueId", "userKey", "firstSeen")
    SELECT ${parent}, "userKey", MIN("firstSeen") FROM "IssueUser" WHERE "issueId" IN (${kids}) GROUP BY "userKey"
    ON CONFLICT ("issueId", "userKey") DO UPDATE SET "firstSeen" = LEAST("IssueUser"."firstSeen",
      EXCLUDED."firstSeen")`;
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
      "firstRelease" = (SELECT "firstRelease" FROM "Issue" WHERE id IN (${all}) AND "firstRelease" IS NOT NULL ORDER
        BY "firstSeen" LIMIT 1),
      "lastRelease" = (SELECT "lastRelease" FROM "Issue" WHERE id IN (${all}) AND "lastRelease" IS NOT NULL ORDER BY
        "lastSeen" DESC LIMIT 1)
    FROM (
      SELECT SUM("eventCount") AS events, MIN("firstSeen") AS "firstSeen", MAX("lastSeen") AS "lastSeen",
        MAX(COALESCE(array_position(ARRAY['debug','info','warning','error','fatal'], "level"), 4)) AS severity
      FROM "Issue" WHERE id IN (${all})
    ) a
    WHERE p.id = ${parent}`;
  await tx.$executeRaw`DELETE FROM "Issue" WHERE id IN (${kids})`;
}
