// What the release shape needs beyond the Release rows, for a whole page at once.
import { Prisma, type Deploy } from '../../generated/prisma/client.ts';
import type { Db } from '../../db.ts';
import type { ReleaseExtras, ReleaseRow } from '../serialize.ts';

/** Deploy counts, last deploys, and first/last events for a page of releases in three queries. */
export async function loadReleaseExtras(db: Db, rows: ReleaseRow[]): Promise<ReleaseExtras> {
  const ids = rows.map((r) => r.id);
  const counts = await db.deploy.groupBy({
    by: ['releaseId'],
    where: { releaseId: { in: ids } },
    _count: { _all: true },
  });
  const last = ids.length
    ? await db.$queryRaw<
        Deploy[]
      >`SELECT DISTINCT ON ("releaseId") * FROM "Deploy" WHERE "releaseId" IN (${Prisma.join(ids)}) ORDER BY
        "releaseId", "dateFinished" DESC, id DESC`
    : [];
  const events = new Map<string, { first: Date | null; last: Date | null }>();
  const projectIds = [...new Set(rows.flatMap((r) => r.projects.map((p) => p.projectId)))];
  if (projectIds.length) {
    // First and last event of a release come from its `release` tag per issue (kept exactly by the worker);
    // the issues are found by project, so this uses the issue and tag primary keys rather than scanning events.
    const found = await db.$queryRaw<{ value: string; first: Date | null; last: Date | null }[]>`
      SELECT t.value, MIN(t."firstSeen") AS first, MAX(t."lastSeen") AS last
      FROM "Issue" i JOIN "IssueTagValue" t ON t."issueId" = i.id AND t.key = 'release'
      WHERE i."projectId" IN (${Prisma.join(projectIds)}) AND t.value IN (${Prisma.join(rows.map((r) => r.version))})
      GROUP BY t.value`;
    for (const f of found) events.set(f.value, { first: f.first, last: f.last });
  }
  return {
    deployCount: new Map(counts.map((c) => [c.releaseId, c._count._all])),
    lastDeploy: new Map(last.map((d) => [d.releaseId, d])),
    events,
  };
}
