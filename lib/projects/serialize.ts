// Sentry's project shape, as `sentry-cli projects list` and the dashboard read it.
import type { Db } from '../db.ts';
import type { Organization, Project, Team } from '../generated/prisma/client.ts';
import { projectStats, unresolvedCounts, type StatsPeriod } from './stats.ts';
import type { Project as ApiProject, TeamRef } from './contract.ts';

export type ProjectWithTeams = Project & {
  org: Organization;
  teams: { team: Team & { members?: { userId: number }[] } }[];
};

/** What serializing projects needs besides the rows; kept out of the rows so a page costs a fixed number of queries. */
export interface ProjectExtras {
  userId: number;
  stats?: Map<number, [number, number][]>;
  statsPeriod?: StatsPeriod;
  unresolved?: Map<number, number>;
  firstEvent?: Map<number, Date>;
}

/** Include for project queries so serializeProject has teams (with the caller's membership) and the org. */
export const projectInclude = (userId: number) =>
  ({
    org: true,
    teams: {
      include: { team: { include: { members: { where: { userId }, select: { userId: true } } } } },
      orderBy: { teamId: 'asc' },
    },
  }) as const;

const teamRef = (t: Team): TeamRef => ({ id: String(t.id), slug: t.slug, name: t.name });

export function serializeProject(p: ProjectWithTeams, x: ProjectExtras): ApiProject {
  const teams = p.teams.map((pt) => pt.team);
  return {
    id: String(p.id),
    slug: p.slug,
    name: p.name,
    platform: p.platform,
    dateCreated: p.createdAt.toISOString(),
    isBookmarked: false,
    isMember: teams.some((t) => t.members?.some((m) => m.userId === x.userId)),
    hasAccess: true,
    status: 'active',
    features: [],
    firstEvent: x.firstEvent?.get(p.id)?.toISOString() ?? null,
    allowedDomains: p.allowedDomains.length ? p.allowedDomains : ['*'],
    rateLimitPerMinute: p.rateLimitPerMinute,
    rateLimitPerDay: p.rateLimitPerDay,
    retentionDays: p.retentionDays,
    // sentry-cli's `projects list` still reads the single `team`; Sentry keeps it for that reason.
    team: teams[0] ? teamRef(teams[0]) : null,
    teams: teams.map(teamRef),
    organization: { id: String(p.org.id), slug: p.org.slug, name: p.org.name },
    ...(x.stats && x.statsPeriod ? { stats: x.stats.get(p.id) ?? [] } : {}),
    ...(x.unresolved ? { unresolvedIssues: x.unresolved.get(p.id) ?? 0 } : {}),
  };
}

/** The extras for a page of projects: first event always; stats and unresolved counts with `statsPeriod`. */
export async function projectExtras(
  db: Db,
  userId: number,
  ids: number[],
  statsPeriod?: StatsPeriod,
): Promise<ProjectExtras> {
  const first = await db.issue.groupBy({
    by: ['projectId'],
    where: { projectId: { in: ids } },
    _min: { firstSeen: true },
  });
  const firstEvent = new Map<number, Date>();
  for (const r of first) if (r._min.firstSeen) firstEvent.set(r.projectId, r._min.firstSeen);
  if (!statsPeriod) return { userId, firstEvent };
  const [stats, unresolved] = await Promise.all([projectStats(db, ids, statsPeriod), unresolvedCounts(db, ids)]);
  return { userId, firstEvent, stats, statsPeriod, unresolved };
}

export async function serializeProjects(
  db: Db,
  userId: number,
  rows: ProjectWithTeams[],
  statsPeriod?: StatsPeriod,
): Promise<ApiProject[]> {
  const extras = await projectExtras(
    db,
    userId,
    rows.map((r) => r.id),
    statsPeriod,
  );
  return rows.map((r) => serializeProject(r, extras));
}
