// Sentry's release and deploy shapes (what sentry-cli's ReleaseInfo and Deploy structs read, and the dashboard).
// Pure: what a page of releases needs from other tables comes in as ReleaseExtras.
import type { Deploy, Project, Release, ReleaseProject } from '../generated/prisma/client.ts';
import { authorsOf, storedCommits } from './commits.ts';
import { shortVersion } from './version.ts';
import type { Deploy as ApiDeploy, Release as ApiRelease } from './contract.ts';

export type ReleaseRow = Release & {
  projects: (ReleaseProject & { project: Pick<Project, 'id' | 'slug' | 'name' | 'platform'> })[];
};

export const releaseInclude = {
  projects: {
    include: { project: { select: { id: true, slug: true, name: true, platform: true } } },
    orderBy: { projectId: 'asc' },
  },
} as const;

export function serializeDeploy(d: Deploy): ApiDeploy {
  return {
    id: String(d.id),
    environment: d.environment,
    name: d.name,
    url: d.url,
    dateStarted: d.dateStarted?.toISOString() ?? null,
    dateFinished: d.dateFinished.toISOString(),
  };
}

/** What a release's shape needs beyond its row, loaded for a whole page by loadReleaseExtras (queries/extras.ts). */
export interface ReleaseExtras {
  deployCount: Map<number, number>;
  lastDeploy: Map<number, Deploy>;
  events: Map<string, { first: Date | null; last: Date | null }>;
}

export function serializeRelease(r: ReleaseRow, x: ReleaseExtras): ApiRelease {
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
    lastCommit: commits[0]
      ? {
          id: commits[0].id,
          message: commits[0].message,
          dateCreated: commits[0].timestamp ?? r.createdAt.toISOString(),
        }
      : null,
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
