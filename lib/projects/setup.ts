// Creating organizations, teams and projects together, as `faultline createproject` and first start need.
import type { Db } from '../db.ts';
import { createProjectKey } from './keys.ts';
import { slugProblem } from './slug.ts';

export class SetupError extends Error {}

export async function ensureOrg(db: Db, slug: string, name?: string) {
  const problem = slugProblem(slug);
  if (problem) throw new SetupError(problem);
  return db.organization.upsert({ where: { slug }, update: {}, create: { slug, name: name ?? slug } });
}

export async function ensureTeam(db: Db, orgId: number, slug: string) {
  const problem = slugProblem(slug);
  if (problem) throw new SetupError(problem);
  return db.team.upsert({
    where: { orgId_slug: { orgId, slug } },
    update: {},
    create: { orgId, slug, name: slug },
  });
}

/** Creates the project (org and team as needed) with a first key; an existing project gets no new key. */
export async function ensureProject(
  db: Db,
  opts: { org: string; project: string; team?: string; platform?: string; name?: string },
) {
  const problem = slugProblem(opts.project);
  if (problem) throw new SetupError(problem);
  const org = await ensureOrg(db, opts.org);
  const team = await ensureTeam(db, org.id, opts.team ?? opts.org);
  const existing = await db.project.findUnique({
    where: { orgId_slug: { orgId: org.id, slug: opts.project } },
    include: { keys: { where: { isActive: true }, orderBy: { id: 'asc' }, take: 1 } },
  });
  if (existing) {
    const key = existing.keys[0] ?? (await createProjectKey(db, existing.id));
    return { org, team, project: existing, key, created: false };
  }
  const { project, key } = await createProjectWithKey(db, {
    orgId: org.id,
    teamId: team.id,
    slug: opts.project,
    name: opts.name ?? opts.project,
    platform: opts.platform ?? null,
  });
  return { org, team, project, key, created: true };
}

/** A new project owned by one team, with its first DSN key, in one transaction (the API and the CLI both create through this). */
export async function createProjectWithKey(
  db: Db,
  opts: { orgId: number; teamId: number; slug: string; name: string; platform: string | null },
) {
  const problem = slugProblem(opts.slug);
  if (problem) throw new SetupError(problem);
  return db.$transaction(async (tx) => {
    const project = await tx.project.create({
      data: { orgId: opts.orgId, slug: opts.slug, name: opts.name, platform: opts.platform, teams: { create: { teamId: opts.teamId } } },
    });
    const key = await createProjectKey(tx, project.id);
    return { project, key };
  });
}
