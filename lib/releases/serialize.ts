// Sentry's release and deploy shapes (what sentry-cli's ReleaseInfo and Deploy structs read, and the dashboard).
import { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db.ts';
import type { Deploy, Project, Release, ReleaseProject } from '../generated/prisma/client.ts';
import { authorsOf, storedCommits } from './commits.ts';
import { shortVersion } from './version.ts';

export type ReleaseRow = Release & { projects: (ReleaseProject & { project: Pick<Project, 'id' | 'slug' | 'name' | 'platform'> })[] };

export const releaseInclude = {
  projects: { include: { project: { select: { id: true, slug: true, name: true, platform: true } } }, orderBy: { projectId: 'asc' } },
} as const;

export function serializeDeploy(d: Deploy) {
  return {
    id: String(d.id),
    environment: d.environment,
    name: d.name,
    url: d.url,
    dateStarted: d.dateStarted?.toISOString() ?? null,
    dateFinished: d.dateFinished.toISOString(),
  };
}

interface Extras {
  deployCount: Map<number, number>;
  lastDeploy: Map<number, Deploy>;
  events: Map<string, { first: Date | null; last: Date | null }>;
}

/** Deploy counts, last deploys, and first/last events for a page of releases in three queries. */
export async function releaseExtras(db: Db, rows: ReleaseRow[]): Promise<Extras> {
  const ids = rows.map((r) => r.id);
  const counts = await db.deploy.groupBy({ by: ['releaseId'], where: { releaseId: { in: ids } }, _count: { _all: true } });
  const last = ids.length
    ? await db.$queryRaw<Deploy[]>`SELECT DISTINCT ON ("releaseId") * FROM "Deploy" WHERE "releaseId" IN (${Prisma.join(ids)}) ORDER BY "releaseId", "dateFinished" DESC, id DESC`
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

export function serializeRelease(r: ReleaseRow, x: Extras) {
  const commits = storedCommits(r.commits);
  const ev = x.events.get(r.version);
  const lastDeploy = x.lastDeploy.get(r.id);
  return {
    id: r.id,
    version: r.version,
    shortVersion: shortVersion(r.version),
    status: 'open',
    ref: r.ref,
    url: r.url,
    dateCreated: r.createdAt.toISOString(),
    dateReleased: r.dateReleased?.toISOString() ?? null,
    dateStarted: r.dateStarted?.toISOString() ?? null,
    data: {},
    owner: null,
    newGroups: r.projects.reduce((s, p) => s + p.newIssues, 0),
    commitCount: commits.length,
    lastCommit: commits[0] ? { id: commits[0].id, message: commits[0].message, dateCreated: commits[0].timestamp ?? r.createdAt.toISOString() } : null,
    deployCount: x.deployCount.get(r.id) ?? 0,
    lastDeploy: lastDeploy ? serializeDeploy(lastDeploy) : null,
    firstEvent: ev?.first ? new Date(ev.first).toISOString() : null,
    lastEvent: ev?.last ? new Date(ev.last).toISOString() : null,
    authors: authorsOf(commits),
    projects: r.projects.map(({ project: p, newIssues }) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      platform: p.platform,
      platforms: p.platform ? [p.platform] : [],
      newGroups: newIssues,
      hasHealthData: false,
    })),
  };
}

export async function serializeReleases(db: Db, rows: ReleaseRow[]) {
  const x = await releaseExtras(db, rows);
  return rows.map((r) => serializeRelease(r, x));
}
