// An organization's issues across the projects the principal can see (`project=<id>` narrows): list; bulk update and delete.
import { route, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { orgAccess, requirePrincipal } from '@/lib/auth/access';
import { listIssues, orgProjectIds } from '@/lib/issues/list';
import { bulkDeleteIssues, bulkUpdateIssues } from '@/lib/issues/mutate';
import { issueUpdateBody, orgBulkSelectQuery, orgIssueListQuery } from '@/lib/issues/params';
import { db } from '@/lib/db';

type Params = { org: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'event:read');
  const q = parseQuery(req, orgIssueListQuery);
  const projectIds = await orgProjectIds(p, org.id, role, q.project);
  const { rows, headers } = await listIssues(db(), new URL(req.url), { ...q, environments: q.environment, projectIds, viewerId: p.user.id });
  return json(rows, { headers });
});

export const PUT = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'event:write');
  const q = parseQuery(req, orgBulkSelectQuery);
  const changes = await parseBody(req, issueUpdateBody);
  const projectIds = await orgProjectIds(p, org.id, role, q.project);
  const result = await bulkUpdateIssues(db(), org.id, { ...q, ids: q.id, environments: q.environment, projectIds, viewerId: p.user.id }, changes);
  return result ? json(result) : new Response(null, { status: 204 });
});

export const DELETE = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, role } = await orgAccess(p, params.org, 'event:admin');
  const q = parseQuery(req, orgBulkSelectQuery);
  const projectIds = await orgProjectIds(p, org.id, role, q.project);
  await bulkDeleteIssues(db(), { ...q, ids: q.id, environments: q.environment, projectIds, viewerId: p.user.id });
  return new Response(null, { status: 204 });
});
