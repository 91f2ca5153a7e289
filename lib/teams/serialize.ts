// Sentry's team shape.
import type { Project, Team } from '../generated/prisma/client.ts';
import type { Team as ApiTeam } from './contract.ts';

export type TeamWithCounts = Team & {
  members: { userId: number }[];
  _count: { members: number };
  projects: { project: Pick<Project, 'id' | 'slug' | 'name' | 'platform'> }[];
};

/** Include for team queries: the caller's own membership, the member count and the projects. */
export const teamInclude = (userId: number) =>
  ({
    members: { where: { userId }, select: { userId: true } },
    _count: { select: { members: true } },
    projects: {
      include: { project: { select: { id: true, slug: true, name: true, platform: true } } },
      orderBy: { projectId: 'asc' },
    },
  }) as const;

export function serializeTeam(t: TeamWithCounts): ApiTeam {
  return {
    id: String(t.id),
    slug: t.slug,
    name: t.name,
    dateCreated: t.createdAt.toISOString(),
    isMember: t.members.length > 0,
    teamRole: null,
    hasAccess: true,
    isPending: false,
    memberCount: t._count.members,
    avatar: { avatarType: 'letter_avatar', avatarUuid: null },
    projects: t.projects.map(({ project: p }) => ({
      id: String(p.id),
      slug: p.slug,
      name: p.name,
      platform: p.platform,
    })),
  };
}
