// Access to one project: the organization (with org:read), then the project among those the principal can see.
import { db } from '../db.ts';
import { NotFoundError } from '../errors.ts';
import { orgAccess, requireScopes, type Principal, type Scopes } from '../auth/access.ts';
import { visibleProjectIds } from './visibility.ts';

export async function projectAccess(
  p: Principal,
  orgSlug: string,
  projectSlug: string,
  scopes: Scopes = 'project:read',
) {
  const { org, role } = await orgAccess(p, orgSlug, 'org:read');
  const project = await db().project.findUnique({ where: { orgId_slug: { orgId: org.id, slug: projectSlug } } });
  if (!project || !(await visibleProjectIds(p, org.id, role)).includes(project.id)) throw new NotFoundError();
  requireScopes(p, role, scopes);
  return { org, project, role };
}
