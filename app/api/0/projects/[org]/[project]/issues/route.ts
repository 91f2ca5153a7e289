// A project's issues (Sentry's project issue index): search and list; bulk update and delete by `id=` or query.
import { route, parseBody, parseQuery } from '@/lib/api/handler';
import { json } from '@/lib/api/respond';
import { projectAccess, requirePrincipal } from '@/lib/auth/access';
import { listIssues } from '@/lib/issues/list';
import { bulkDeleteIssues, bulkUpdateIssues } from '@/lib/issues/mutate';
import { bulkSelectQuery, issueListQuery, issueUpdateBody } from '@/lib/issues/params';
import { db } from '@/lib/db';

type Params = { org: string; project: string };

export const GET = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'event:read');
  const q = parseQuery(req, issueListQuery);
  const { rows, headers } = await listIssues(db(), new URL(req.url), { ...q, environments: q.environment, projectIds: [project.id], viewerId: p.user.id });
  return json(rows, { headers });
});

export const PUT = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { org, project } = await projectAccess(p, params.org, params.project, 'event:write');
  const q = parseQuery(req, bulkSelectQuery);
  const changes = await parseBody(req, issueUpdateBody);
  const result = await bulkUpdateIssues(db(), org.id, { ...q, ids: q.id, environments: q.environment, projectIds: [project.id], viewerId: p.user.id }, changes);
  return result ? json(result) : new Response(null, { status: 204 });
});

export const DELETE = route<Params>(async (req, params) => {
  const p = await requirePrincipal(req);
  const { project } = await projectAccess(p, params.org, params.project, 'event:admin');
  const q = parseQuery(req, bulkSelectQuery);
  await bulkDeleteIssues(db(), { ...q, ids: q.id, environments: q.environment, projectIds: [project.id], viewerId: p.user.id });
  return new Response(null, { status: 204 });
});
