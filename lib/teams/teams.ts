// Teams of an organization: list, create, rename, delete, and their members.
import type { Db } from '../db.ts';
import { ConflictError, conflictOn, InvalidError, NotFoundError } from '../errors.ts';
import { slugify, slugProblem } from '../slug.ts';
import { teamInclude } from './serialize.ts';

const TEAM_EXISTS = 'A team with this slug already exists.';

export function listTeams(db: Db, orgId: number, userId: number, offset: number, take: number) {
  return db.team.findMany({
    where: { orgId },
    include: teamInclude(userId),
    orderBy: [{ slug: 'asc' }, { id: 'asc' }],
    skip: offset,
    take,
  });
}

export async function getTeam(db: Db, orgId: number, slug: string, userId: number) {
  const team = await db.team.findUnique({ where: { orgId_slug: { orgId, slug } }, include: teamInclude(userId) });
  if (!team) throw new NotFoundError();
  return team;
}

function checkSlug(slug: string) {
  const problem = slugProblem(slug);
  if (problem) throw new InvalidError('slug', `${problem}`);
}

/** A new team; the person creating it joins it, as in Sentry. */
export async function createTeam(db: Db, orgId: number, opts: { name?: string; slug?: string }, creatorId: number) {
  const slug = opts.slug ?? slugify(opts.name ?? '');
  checkSlug(slug);
  if (await db.team.findUnique({ where: { orgId_slug: { orgId, slug } } })) throw new ConflictError(TEAM_EXISTS);
  const isMember = await db.membership.findUnique({ where: { orgId_userId: { orgId, userId: creatorId } } });
  const team = await conflictOn(
    db.team.create({
      data: {
        orgId,
        slug,
        name: opts.name ?? slug,
        ...(isMember ? { members: { create: { userId: creatorId } } } : {}),
      },
    }),
    TEAM_EXISTS,
  );
  return getTeam(db, orgId, team.slug, creatorId);
}

export async function updateTeam(
  db: Db,
  team: { id: number; orgId: number },
  changes: { name?: string; slug?: string },
) {
  if (changes.slug !== undefined) {
    checkSlug(changes.slug);
    const taken = await db.team.findUnique({ where: { orgId_slug: { orgId: team.orgId, slug: changes.slug } } });
    if (taken && taken.id !== team.id) throw new ConflictError(TEAM_EXISTS);
  }
  return conflictOn(db.team.update({ where: { id: team.id }, data: changes }), TEAM_EXISTS);
}

/** Deletes the team; its projects stay (they may be left without a team, visible to admins and open orgs). */
export async function deleteTeam(db: Db, teamId: number) {
  await db.team.delete({ where: { id: teamId } });
}

export async function addTeamMember(db: Db, teamId: number, userId: number): Promise<boolean> {
  const exists = await db.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } } });
  if (exists) return false;
  await db.teamMember.upsert({ where: { teamId_userId: { teamId, userId } }, update: {}, create: { teamId, userId } });
  return true;
}

export async function removeTeamMember(db: Db, teamId: number, userId: number) {
  await db.teamMember.deleteMany({ where: { teamId, userId } });
}
