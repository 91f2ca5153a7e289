// Creating a project with its first DSN key (and its org and team when missing), as `faultline createproject`,
// first start and the API need.
import type { Db } from '../db.ts';
import { ensureOrg } from '../orgs/ensureOrg.ts';
import { assertSlug } from '../slug.ts';
import { ensureTeam } from '../teams/ensureTeam.ts';
import { createProjectKey } from './keys.ts';

/** Creates the project (org and team as needed) with a first key; an existing project gets no new key. */
export async function ensureProject(
  db: Db,
  opts: { org: string; project: string; team?: string; platform?: string; name?: string },
) {
  assertSlug(opts.project);
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

/**
 * A new project owned by one team, with its first DSN key, in one transaction (the API and the CLI both create
 * through this).
 */
export async function createProjectWithKey(
  db: Db,
  opts: { orgId: number; teamId: number; slug: string; name: string; platform: string | null },
) {
  assertSlug(opts.slug);
  return db.$transaction(async (tx) => {
    const project = await tx.project.create({
      data: {
        orgId: opts.orgId,
        slug: opts.slug,
        name: opts.name,
        platform: opts.platform,
        teams: { create: { teamId: opts.teamId } },
      },
    });
    const key = await createProjectKey(tx, project.id);
    return { project, key };
  });
}
