// Access to one issue by its numeric id. Issue routes exist twice, as Sentry has them: /issues/{id}/... and
// /organizations/{org}/issues/{id}/...; under an organization the issue must belong to it, else 404 like any
// other organization's issue. Malformed ids are 404 too.
import { db } from '../db.ts';
import { NotFoundError } from '../errors.ts';
import { requireScopes, type Principal, type Scopes } from '../auth/access.ts';
import { projectAccess } from '../projects/access.ts';

export type IssueParams = { issueId: string; org?: string };

export async function issueAccess(p: Principal, params: IssueParams, scopes: Scopes = 'event:read') {
  if (!/^\d{1,12}$/.test(params.issueId)) throw new NotFoundError();
  const issue = await db().issue.findUnique({
    where: { id: Number(params.issueId) },
    include: { project: { include: { org: true } } },
  });
  if (!issue) throw new NotFoundError();
  const { org, project, role } = await projectAccess(p, issue.project.org.slug, issue.project.slug, 'project:read');
  requireScopes(p, role, scopes);
  if (params.org !== undefined && org.slug !== params.org) throw new NotFoundError();
  return { org, project, role, issue };
}
