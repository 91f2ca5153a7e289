// The raw SQL of status changes whose new values come from each issue's own columns (Prisma's updateMany cannot).
import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../../db.ts';

/** Resolved "in the next release": the release current now is each issue's last one. */
export async function resolveInNextRelease(db: Db, ids: number[], now: Date): Promise<void> {
  await db.$executeRaw`UPDATE "Issue" SET "status" = 'resolved'::"IssueStatus", "resolvedAt" = ${now},
    "resolvedInRelease" = NULL,
    "ignoredUntil" = NULL, "ignoreUntilCount" = NULL,
    "statusDetails" = jsonb_build_object('inNextRelease', true, 'currentRelease', "lastRelease")
    WHERE id IN (${Prisma.join(ids)})`;
}

/** Ignored until each issue has `count` more events than it has now. */
export async function ignoreForEvents(db: Db, ids: number[], count: number): Promise<void> {
  await db.$executeRaw`UPDATE "Issue" SET "status" = 'ignored'::"IssueStatus", "resolvedAt" = NULL,
    "resolvedInRelease" = NULL,
    "ignoredUntil" = NULL, "ignoreUntilCount" = "eventCount" + ${count},
    "statusDetails" = ${JSON.stringify({ ignoreCount: count })}::jsonb
    WHERE id IN (${Prisma.join(ids)})`;
}
