// Projects through the API: lists by visibility, creation under a team, settings, deletion and team access.
import type { Db } from '../db.ts';
import { ConflictError, conflictOn, InvalidError, NotFoundError } from '../errors.ts';
import type { Principal } from '../auth/access.ts';
import { visibleProjectIds } from './visibility.ts';
import type { RoleName } from '../auth/roles.ts';
import { createProjectWithKey } from './setup.ts';
import { projectInclude } from './serialize.ts';
import { SetupError, slugify, slugProblem } from '../slug.ts';

const order = [{ slug: 'asc' as const }, { id: 'asc' as const }];

/** A page of the org's projects the principal may see (only one team's with `teamId`). */
export async function listOrgProjects(
  db: Db,
  p: Principal,
  orgId: number,
  role: RoleName | null,
  offset: number,
  take: number,
  teamId?: number,
) {
  const ids = await visibleProjectIds(p, orgId, role);
  return db.project.findMany({
    where: { id: { in: ids }, ...(teamId ? { teams: { some: { teamId } } } : {}) },
    include: projectInclude(p.user.id),
    orderBy: order,
    skip: offset,
    take,
  });
}

/** A page of every project the principal may see, across their organizations (all of them for a superuser). */
export async function listUserProjects(db: Db, p: Principal, offset: number, take: number) {
  let where = {};
  if (!p.user.isSuperuser) {
    const memberships = await db.membership.findMany({ where: { userId: p.user.id } });
    const ids: number[] = [];
    for (const m of memberships) ids.push(...(await visibleProjectIds(p, m.orgId, m.role as RoleName)));
    where = { id: { in: ids } };
  }
  return db.project.findMany({
    where,
    include: projectInclude(p.user.id),
    orderBy: [{ org: { slug: 'asc' } }, ...order],
    skip: offset,
    take,
  });
}

export async function getProject(db: Db, projectId: number, userId: number) {
  return db.project.findUniqueOrThrow({ where: { id: projectId }, include: projectInclude(userId) });
}

export async function createProject(
  db: Db,
  opts: { orgId: number; teamId: number; name: string; slug?: string; platform?: string | null },
) {
  const slug = opts.slug ?? slugify(opts.name);
  const problem = slugProblem(slug);
  if (problem) throw new InvalidError('slug', `${problem}`);
  const exists = await db.project.findUnique({ where: { orgId_slug: { orgId: opts.orgId, slug } } });
  if (exists) throw new ConflictError('A project with this slug already exists.');
  try {
    return await conflictOn(
      createProjectWithKey(db, {
        orgId: opts.orgId,
        teamId: opts.teamId,
        slug,
        name: opts.name,
        platform: opts.platform ?? null,
      }),
      'A project with this slug already exists.',
    );
  } catch (e) {
    if (e instanceof SetupError) throw new InvalidError(null, e.message);
    throw e;
  }
}

export async function updateProject(
  db: Db,
  project: { id: number; orgId: number },
  changes: {
    name?: string;
    slug?: string;
    platform?: string | null;
    rateLimitPerMinute?: number | null;
    rateLimitPerDay?: number | null;
    retentionDays?: number | null;
  },
) {
  if (changes.slug !== undefined) {
    const problem = slugProblem(changes.slug);
    if (problem) throw new InvalidError('slug', `${problem}`);
    const taken = await db.project.findUnique({ where: { orgId_slug: { orgId: project.orgId, slug: changes.slug } } });
    if (taken && taken.id !== project.id) throw new ConflictError('A project with this slug already exists.');
  }
  await conflictOn(
    db.project.update({ where: { id: project.id }, data: changes }),
    'A project with this slug already exists.',
  );
}

/**
 * Deletes the project with its keys, issues and events (cascades); its ingest keys stop within the key cache's
 * lifetime.
 */
export async function deleteProject(db: Db, projectId: number) {
  await db.project.delete({ where: { id: projectId } });
}

export async function findTeam(db: Db, orgId: number, teamSlug: string) {
  const team = await db.team.findUnique({ where: { orgId_slug: { orgId, slug: teamSlug } } });
  if (!team) throw new NotFoundError();
  return team;
}

export async function addProjectTeam(db: Db, projectId: number, teamId: number) {
  await db.projectTeam.upsert({
    where: { projectId_teamId: { projectId, teamId } },
    update: {},
    create: { projectId, teamId },
  });
}

export async function removeProjectTeam(db: Db, projectId: number, teamId: number) {
  await db.projectTeam.deleteMany({ where: { projectId, teamId } });
}
