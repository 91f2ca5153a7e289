// Issue routes exist twice, as Sentry has them: /issues/{id}/... and /organizations/{org}/issues/{id}/...;
// under an organization the issue must belong to it, else 404 like any other organization's issue.
import { HttpError } from '../api/respond.ts';
import { issueAccess, type Principal } from '../auth/access.ts';
import type { Scope } from '../auth/scopes.ts';

export type IssueParams = { issueId: string; org?: string };

export async function issueFromParams(p: Principal, params: IssueParams, scope: Scope) {
  const access = await issueAccess(p, params.issueId, scope);
  if (params.org !== undefined && access.org.slug !== params.org) throw new HttpError(404, 'The requested resource does not exist');
  return access;
}
